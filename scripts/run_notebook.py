"""Execute a Jupyter notebook headless and write it back with its outputs.

Why not `nbconvert --execute`: nbclient treats a cell as finished at the kernel's `status: idle` and drops any
output that arrives later. The Deno kernel can flush a large display (a figure with plotly.js inlined, ~5 MB)
after it reports idle, so nbconvert loses it or files it under the next cell. This runner waits, after idle, until
the kernel has been quiet for a moment before it sends the next cell, and keeps every output of the cell it asked
for.

Usage: python3 scripts/run_notebook.py IN.ipynb OUT.ipynb [--kernel deno] [--timeout 3600] [--quiet 1.0]
Exit status 1 on the first cell error (the error is printed and kept in OUT).
"""

import argparse
import os
import queue
import sys
import time

import nbformat
from jupyter_client.manager import start_new_kernel


def output_from(msg):
    kind = msg["msg_type"]
    c = msg["content"]
    if kind == "stream":
        return nbformat.v4.new_output("stream", name=c["name"], text=c["text"])
    if kind in ("display_data", "update_display_data"):
        return nbformat.v4.new_output("display_data", data=c["data"], metadata=c.get("metadata", {}))
    if kind == "execute_result":
        return nbformat.v4.new_output(
            "execute_result", data=c["data"], metadata=c.get("metadata", {}), execution_count=c.get("execution_count")
        )
    if kind == "error":
        return nbformat.v4.new_output("error", ename=c["ename"], evalue=c["evalue"], traceback=c["traceback"])
    return None


def run_cell(kc, source, timeout, quiet):
    msg_id = kc.execute(source, store_history=True, allow_stdin=False)
    outputs, display_index = [], {}
    idle_at = None
    deadline = time.time() + timeout
    status = "ok"
    while True:
        if time.time() > deadline:
            raise TimeoutError(f"cell did not finish within {timeout} s")
        wait = quiet if idle_at is not None else 1.0
        try:
            msg = kc.get_iopub_msg(timeout=wait)
        except queue.Empty:
            if idle_at is not None:
                break  # idle, and nothing more arrived for `quiet` seconds
            continue
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind = msg["msg_type"]
        if kind == "status":
            if msg["content"]["execution_state"] == "idle":
                idle_at = time.time()
            continue
        if kind == "error":
            status = "error"
        if kind == "update_display_data":
            did = msg["content"].get("transient", {}).get("display_id")
            if did in display_index:
                outputs[display_index[did]] = output_from(msg)
            continue
        out = output_from(msg)
        if out is None:
            continue
        did = msg["content"].get("transient", {}).get("display_id") if kind == "display_data" else None
        if did:
            display_index[did] = len(outputs)
        if kind == "stream" and outputs and outputs[-1].get("output_type") == "stream" and outputs[-1]["name"] == out["name"]:
            outputs[-1]["text"] += out["text"]
        else:
            outputs.append(out)
    reply = kc.get_shell_msg(timeout=timeout)
    if reply["content"].get("status") == "error":
        status = "error"
    return outputs, reply["content"].get("execution_count"), status


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--kernel", default="deno")
    ap.add_argument("--timeout", type=float, default=3600)
    ap.add_argument("--quiet", type=float, default=1.0)
    args = ap.parse_args()

    nb = nbformat.read(args.input, as_version=4)
    cwd = os.path.dirname(os.path.abspath(args.input))
    km, kc = start_new_kernel(kernel_name=args.kernel, cwd=cwd)
    failed = False
    try:
        for i, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            t0 = time.time()
            outputs, count, status = run_cell(kc, cell.source, args.timeout, args.quiet)
            cell.outputs = outputs
            cell.execution_count = count
            print(f"  cell {i}: {status} in {time.time() - t0:.1f} s, {len(outputs)} output(s)", file=sys.stderr)
            if status == "error":
                for o in outputs:
                    if o.get("output_type") == "error":
                        print("\n".join(o["traceback"]), file=sys.stderr)
                failed = True
                break
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    nbformat.write(nb, args.output)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
