"""PyTorch (CPU, one thread) side of bench/peers/mlp.ts: MLP training throughput in samples/s.

Arguments: a JSON list of cases, each {"sizes": [in, h1, ..., out], "batch": B}, then optionally WARMUP_S,
MEASURE_S and WINDOWS. Prints one JSON object {"torch": version, "threads": 1, "rates": [samples/s per case]}.
Each case trains an nn.Sequential of Linear layers with tanh between them (linear output) with Adam(lr=1e-3) on
MSE against one fixed random batch, reading the loss back every step (as reprl's Adam.step does): a warm-up, then
the best of WINDOWS windows over MEASURE_S seconds.
"""
import json
import os
import sys

# One thread in every library torch calls: torch.set_num_threads does not reach the OpenBLAS that Debian's torch
# links, whose extra thread costs up to 4x when the machine is busy. Must be set before torch is imported.
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"

import torch  # noqa: E402

from _common import best_rate  # noqa: E402

WARMUP_S = float(sys.argv[2]) if len(sys.argv) > 2 else 0.5
MEASURE_S = float(sys.argv[3]) if len(sys.argv) > 3 else 2.0
WINDOWS = int(sys.argv[4]) if len(sys.argv) > 4 else 4

torch.set_num_threads(1)
torch.manual_seed(0)


def make_net(sizes):
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(torch.nn.Linear(sizes[i], sizes[i + 1]))
        if i + 2 < len(sizes):
            layers.append(torch.nn.Tanh())
    return torch.nn.Sequential(*layers)


def rate(sizes, batch):
    net = make_net(sizes)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    x = torch.randn(batch, sizes[0])
    y = torch.randn(batch, sizes[-1])
    loss_fn = torch.nn.MSELoss()

    def step():
        opt.zero_grad()
        loss = loss_fn(net(x), y)
        loss.backward()
        opt.step()
        return loss.item()

    return best_rate(step, batch, WARMUP_S, MEASURE_S, WINDOWS)


cases = json.loads(sys.argv[1])
print(json.dumps({
    "torch": torch.__version__,
    "threads": torch.get_num_threads(),
    "rates": [rate(c["sizes"], c["batch"]) for c in cases],
}))
