"""Timing shared by the Python peers (the same protocol as bestRate in _common.ts)."""
import time


def best_rate(step, units, warmup_s, measure_s, windows):
    """Units per second of step(): warm-up, then the best of `windows` timed windows."""
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < warmup_s:
        step()
    best = 0.0
    for _ in range(windows):
        steps = 0
        t0 = time.perf_counter()
        while True:
            step()
            steps += 1
            elapsed = time.perf_counter() - t0
            if elapsed >= measure_s / windows:
                best = max(best, steps * units / elapsed)
                break
    return best
