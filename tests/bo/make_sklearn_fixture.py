"""Write tests/bo/sklearn_fixture.json: scikit-learn GaussianProcessRegressor log marginal likelihoods,
gradients, posterior means/stds and fitted hyperparameters on small data sets, for tests/bo/gp_sklearn.test.ts.

Run with Debian's python (numpy, scikit-learn): /usr/bin/python3 tests/bo/make_sklearn_fixture.py
The test reads only the JSON, so `deno test` never needs python.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.gaussian_process import GaussianProcessRegressor
from sklearn.gaussian_process.kernels import RBF, ConstantKernel, Matern, WhiteKernel

rng = np.random.default_rng(7)


def base_kernel(name, amplitude, lengthscales, bounds="fixed"):
    ls = lengthscales[0] if len(lengthscales) == 1 else np.array(lengthscales)
    if name == "rbf":
        k = RBF(length_scale=ls, length_scale_bounds=bounds)
    else:
        k = Matern(length_scale=ls, length_scale_bounds=bounds, nu=2.5)
    return ConstantKernel(amplitude, constant_value_bounds=bounds) * k


def case(name, kernel, x, y, xs, amplitude, lengthscales, noise, normalize_y, white=False):
    if white:
        k = base_kernel(kernel, amplitude, lengthscales, "fixed") + WhiteKernel(noise, noise_level_bounds="fixed")
        alpha = 0.0
    else:
        k = base_kernel(kernel, amplitude, lengthscales, "fixed")
        alpha = noise
    gp = GaussianProcessRegressor(kernel=k, alpha=alpha, optimizer=None, normalize_y=normalize_y)
    gp.fit(x, y)
    # Gradient with respect to the log of every hyperparameter: same kernel with free bounds.
    kb = base_kernel(kernel, amplitude, lengthscales, (1e-5, 1e5))
    if white:
        kb = kb + WhiteKernel(noise, noise_level_bounds=(1e-12, 1e5))
    gpb = GaussianProcessRegressor(kernel=kb, alpha=alpha, optimizer=None, normalize_y=normalize_y).fit(x, y)
    value, grad = gpb.log_marginal_likelihood(gpb.kernel_.theta, eval_gradient=True)
    mean, std = gp.predict(xs, return_std=True)
    p = len(lengthscales)
    return {
        "name": name,
        "kernel": kernel,
        "x": x.tolist(),
        "y": y.tolist(),
        "xs": xs.tolist(),
        "hyperparameters": {"amplitude": amplitude, "lengthscales": lengthscales, "noise": noise},
        "normalizeY": normalize_y,
        "white": white,
        "lml": float(gp.log_marginal_likelihood_value_),
        "lmlFree": float(value),
        "gradient": {
            "amplitude": float(grad[0]),
            "lengthscales": [float(g) for g in grad[1 : 1 + p]],
            "noise": float(grad[1 + p]) if white else None,
        },
        "mean": mean.tolist(),
        "std": std.tolist(),
    }


def fitted(name, kernel, x, y, amplitude, lengthscales, noise, normalize_y, bounds_amp, bounds_ls):
    ls = lengthscales[0] if len(lengthscales) == 1 else np.array(lengthscales)
    base = RBF(ls, bounds_ls) if kernel == "rbf" else Matern(ls, bounds_ls, nu=2.5)
    k = ConstantKernel(amplitude, bounds_amp) * base
    gp = GaussianProcessRegressor(kernel=k, alpha=noise, normalize_y=normalize_y, n_restarts_optimizer=0)
    gp.fit(x, y)
    theta = np.exp(gp.kernel_.theta)
    return {
        "name": name,
        "kernel": kernel,
        "x": x.tolist(),
        "y": y.tolist(),
        "initial": {"amplitude": amplitude, "lengthscales": lengthscales, "noise": noise},
        "amplitudeBounds": list(bounds_amp),
        "lengthscaleBounds": list(bounds_ls),
        "normalizeY": normalize_y,
        "fitted": {"amplitude": float(theta[0]), "lengthscales": [float(t) for t in theta[1:]]},
        "lml": float(gp.log_marginal_likelihood_value_),
    }


x1 = np.sort(rng.uniform(0, 5, 8)).reshape(-1, 1)
y1 = np.sin(x1[:, 0]) + 0.1 * rng.standard_normal(8)
xs1 = np.linspace(-0.5, 5.5, 7).reshape(-1, 1)
x2 = rng.uniform(-1, 1, (12, 2))
y2 = x2[:, 0] ** 2 - np.cos(3 * x2[:, 1]) + 3.0
xs2 = rng.uniform(-1.2, 1.2, (6, 2))
x3 = rng.uniform(0, 1, (15, 3))
y3 = np.exp(-np.sum((x3 - 0.4) ** 2, axis=1) * 4) * 10
xs3 = rng.uniform(0, 1, (5, 3))

cases = [
    case("rbf-1d", "rbf", x1, y1, xs1, 1.7, [0.6], 0.01, False),
    case("rbf-2d-ard-normalized", "rbf", x2, y2, xs2, 0.8, [0.5, 0.9], 1e-6, True),
    case("matern-1d", "matern52", x1, y1, xs1, 2.3, [1.3], 1e-4, False),
    case("matern-3d-ard-normalized", "matern52", x3, y3, xs3, 1.2, [0.3, 0.5, 0.7], 1e-3, True),
    case("rbf-1d-white", "rbf", x1, y1, xs1, 1.1, [0.9], 0.05, False, white=True),
]
fits = [
    fitted("fit-rbf-1d", "rbf", x1, y1, 1.0, [1.0], 0.01, False, (1e-3, 1e3), (1e-2, 1e2)),
    fitted("fit-matern-2d-ard", "matern52", x2, y2, 1.0, [1.0, 1.0], 1e-4, True, (1e-3, 1e3), (1e-2, 1e2)),
]
out = {
    "generator": "tests/bo/make_sklearn_fixture.py",
    "sklearn": sklearn.__version__,
    "numpy": np.__version__,
    "cases": cases,
    "fits": fits,
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sklearn_fixture.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
print("wrote", path)
