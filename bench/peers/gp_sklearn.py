"""scikit-learn side of bench/peers/gp.ts: GaussianProcessRegressor (ConstantKernel * RBF, alpha = 0.01) on the
data given as JSON on stdin; prints the best-of-`repeats` seconds of each task as JSON.

Tasks: "fit" (hyperparameter fit from amplitude 1, lengthscale 1, no restarts, then predict mean and std at the
query points), "fixed" (optimizer=None: one factorisation at the given hyperparameters, then predict), "lml"
(log marginal likelihood with its gradient at the given hyperparameters).
"""
import json
import sys
import time

import numpy as np
from sklearn.gaussian_process import GaussianProcessRegressor
from sklearn.gaussian_process.kernels import RBF, ConstantKernel

spec = json.load(sys.stdin)
out = {}
for case in spec["cases"]:
    x = np.array(case["x"]).reshape(-1, 1)
    y = np.array(case["y"])
    xs = np.array(case["xs"]).reshape(-1, 1)
    best = float("inf")
    for _ in range(case["repeats"]):
        t0 = time.perf_counter()
        if case["task"] == "fit":
            gp = GaussianProcessRegressor(ConstantKernel(1.0) * RBF(1.0), alpha=0.01, n_restarts_optimizer=0)
            gp.fit(x, y)
            gp.predict(xs, return_std=True)
        elif case["task"] == "fixed":
            k = ConstantKernel(1.0, "fixed") * RBF(1.0, "fixed")
            gp = GaussianProcessRegressor(k, alpha=0.01, optimizer=None)
            gp.fit(x, y)
            gp.predict(xs, return_std=True)
        else:
            gp = GaussianProcessRegressor(ConstantKernel(1.0) * RBF(1.0), alpha=0.01, optimizer=None).fit(x, y)
            t0 = time.perf_counter()
            gp.log_marginal_likelihood(gp.kernel_.theta, eval_gradient=True)
        best = min(best, time.perf_counter() - t0)
    out[case["name"]] = best
print(json.dumps(out))
