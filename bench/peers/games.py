"""numpy peer of reprl's RAE solver (lib/games/rae.ts): risk-averse fictitious play whose best responses are the
mean-variance QP on the simplex solved by FISTA (same constants), then the RAE gap. Reads A, B (n x m, float64 LE)
and meta.json from the directory given as argv[1]; prints JSON {times, strategies, gap}."""
import json
import sys
import time

import numpy as np


def project_simplex(v):
    u = np.sort(v)[::-1]
    css = np.cumsum(u)
    k = np.arange(1, len(v) + 1)
    t = (css - 1) / k
    ok = u - t > 0
    theta = t[ok][-1] if ok.any() else 0.0
    return np.maximum(v - theta, 0.0)


def best_response(V, w, gamma, init, tol=1e-10, max_iter=2000):
    mu = V @ w

    def cov_times(p):
        return V @ (w * (V.T @ p)) - mu * (mu @ p)

    def f(x):
        return -(x @ mu - gamma * max(0.0, x @ cov_times(x)))

    n = V.shape[0]
    x = project_simplex(np.asarray(init, dtype=float))
    z = np.full(n, 1 / np.sqrt(n))
    lam = 0.0
    for _ in range(30):
        t = cov_times(z)
        norm = np.sqrt(t @ t)
        if norm < 1e-300:
            break
        lam = norm
        z = t / norm
    L = max(2 * gamma * lam * 1.05, 1e-12)
    fx = f(x)
    y = x.copy()
    tk = 1.0
    it = 0
    while it < max_iter:
        g = -mu + 2 * gamma * cov_times(y)
        x_new = project_simplex(y - g / L)
        f_new = f(x_new)
        if f_new > fx + 1e-13 * (1 + abs(fx)):
            L *= 2
            y = x.copy()
            tk = 1.0
            it += 1
            continue
        moved = np.abs(x_new - x).sum()
        t_new = (1 + np.sqrt(1 + 4 * tk * tk)) / 2
        y = x_new + ((tk - 1) / t_new) * (x_new - x)
        x, fx, tk = x_new, f_new, t_new
        it += 1
        if moved < tol:
            break
    return x, -fx


def solve_rae(A, B, gamma, iterations):
    views = [A, B.T]
    avg = [np.full(A.shape[0], 1 / A.shape[0]), np.full(A.shape[1], 1 / A.shape[1])]
    last = [a.copy() for a in avg]
    for t in range(1, iterations + 1):
        brs = [best_response(views[i], avg[1 - i], gamma, last[i])[0] for i in range(2)]
        last = brs
        w = 1 / (t + 1)
        avg = [(1 - w) * avg[i] + w * brs[i] for i in range(2)]
    gap = 0.0
    for i in range(2):
        V, wts, x = views[i], avg[1 - i], avg[i]
        mu = V @ wts
        cur = x @ mu - gamma * (x @ (V @ (wts * (V.T @ x))) - (mu @ x) ** 2)
        _, best = best_response(V, wts, gamma, x, tol=1e-13, max_iter=5000)
        gap += max(0.0, best - cur)
    return avg, gap


d = sys.argv[1]
meta = json.load(open(d + "/meta.json"))
n, m, gamma, iters, reps = meta["n"], meta["m"], meta["gamma"], meta["iterations"], meta["reps"]
A = np.fromfile(d + "/A.f64", dtype="<f8").reshape(n, m)
B = np.fromfile(d + "/B.f64", dtype="<f8").reshape(n, m)
solve_rae(A, B, gamma, 2)
times = []
for _ in range(reps):
    t0 = time.perf_counter()
    avg, gap = solve_rae(A, B, gamma, iters)
    times.append(time.perf_counter() - t0)
print(json.dumps({"times": times, "strategies": [avg[0].tolist(), avg[1].tolist()], "gap": gap}))
