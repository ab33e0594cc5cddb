"""numpy peer of lib/meanfield's Vicsek step (classic alignment a = 1, no control), vectorised over agents with an
O(N^2) neighbour mask per copy, looping over copies (a full (E, N, N) mask would not fit in memory at N = 1000).

`python3 meanfield.py bench [agents] [copies]` prints {"agent_steps_per_s": ...}, best of three 1-second windows.
"""
import json
import sys
import time

import numpy as np

RADIUS, SPEED, NOISE, COUPLING = 0.2, 0.02, 0.5, 1.0


def step(x, y, theta, rng):
    """One Vicsek step of every copy in place; x, y, theta have shape (copies, agents)."""
    r2 = RADIUS * RADIUS
    for e in range(x.shape[0]):
        dx = x[e][None, :] - x[e][:, None]
        dx -= np.round(dx)
        dy = y[e][None, :] - y[e][:, None]
        dy -= np.round(dy)
        mask = (dx * dx + dy * dy <= r2).astype(np.float64)
        c = mask @ np.cos(theta[e])
        s = mask @ np.sin(theta[e])
        turn = COUPLING * (np.angle(np.exp(1j * (np.arctan2(s, c) - theta[e]))))
        t = theta[e] + turn + NOISE * (rng.random(x.shape[1]) - 0.5)
        theta[e] = np.angle(np.exp(1j * t))
        x[e] = (x[e] + SPEED * np.cos(theta[e])) % 1.0
        y[e] = (y[e] + SPEED * np.sin(theta[e])) % 1.0


def bench(agents, copies):
    rng = np.random.default_rng(0)
    x = rng.random((copies, agents))
    y = rng.random((copies, agents))
    theta = rng.uniform(-np.pi, np.pi, (copies, agents))
    best = 0.0
    for _ in range(3):
        t0 = time.perf_counter()
        n = 0
        while time.perf_counter() - t0 < 1.0:
            step(x, y, theta, rng)
            n += 1
        best = max(best, n * agents * copies / (time.perf_counter() - t0))
    return best


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "bench":
        agents = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
        copies = int(sys.argv[3]) if len(sys.argv) > 3 else 64
        print(json.dumps({"agent_steps_per_s": bench(agents, copies)}))
    else:
        print(__doc__)
