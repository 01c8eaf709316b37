#!/usr/bin/env python3
"""Reference outputs of ts314 play's numeric demos, computed with NumPy and pandas.

Writes test/play/fixtures/play-reference.json, which the tests in test/play/ compare against
(they never need NumPy themselves). Run from the repository root:

    /usr/bin/python3 scripts/play-reference.py      # Debian: apt-get install python3-numpy python3-pandas

Every demo is written the way its notebook computes it; only the sizes and seeds vary.
"""
import json
import math
import sys

import numpy as np
import pandas as pd

OUT = "test/play/fixtures/play-reference.json"


def floats(values):
    """JSON numbers, NaN and infinities as null (as ts314's JSON does)."""
    return [None if not math.isfinite(v) else float(v) for v in np.asarray(values, dtype=float)]


def pi_case(seed):
    # notebook 000: a 1,000-sample warm-up call, then 100k, 500k and 1M samples from one stream
    rs = np.random.RandomState(seed)
    out = []
    for n in (1000, 100_000, 500_000, 1_000_000):
        u = rs.random_sample(2 * n)
        x, y = u[0::2], u[1::2]
        inside = int(np.count_nonzero(x * x + y * y <= 1.0))
        out.append({"samples": n, "inside": inside, "pi": 4.0 * inside / n})
    floats_ = rs.randn(100_000)
    return {"seed": seed, "estimates": out[1:], "randnHead": floats(floats_[:5])}


def analyze_sensor(temp, humidity):
    # notebook 000's analyze_sensor, unchanged
    temp_z = np.abs(temp - temp.mean()) / temp.std()
    anomalies = (temp_z > 2.5).sum()
    np.convolve(temp, np.ones(50) / 50, mode="valid")
    corr = np.corrcoef(temp, humidity)[0, 1]
    fft = np.fft.fft(temp)
    dominant_freq = np.argmax(np.abs(fft[1 : len(fft) // 2]))
    return float(temp.mean()), int(anomalies), float(corr), int(dominant_freq)


def sensors_case(seed, n_sensors, n_readings):
    np.random.seed(seed)
    rows = []
    for i in range(n_sensors):
        temp_base = 20 + (i % 50)
        temp = temp_base + np.random.randn(n_readings) * 3
        humidity = 50 + np.random.randn(n_readings) * 10
        _pressure = 1013 + np.random.randn(n_readings) * 5
        rows.append(analyze_sensor(temp, humidity))
    zones = {}
    for i, (avg, anomalies, _, _) in enumerate(rows):
        z = zones.setdefault(f"Zone_{i // 100}", {"sensors": 0, "avg_temp": 0.0, "anomalies": 0})
        z["sensors"] += 1
        z["avg_temp"] += avg
        z["anomalies"] += anomalies
    zone_lines = [
        f"{zone}: {s['sensors']} sensors, {s['avg_temp'] / s['sensors']:.1f}°C avg, {s['anomalies']} anomalies"
        for zone, s in sorted(zones.items())
    ]
    return {
        "seed": seed,
        "sensors": n_sensors,
        "readings": n_readings,
        "avgTemp": [r[0] for r in rows],
        "anomalies": [r[1] for r in rows],
        "correlation": [r[2] for r in rows],
        "dominantFreq": [r[3] for r in rows],
        "zoneLines": zone_lines,
    }


def rsi_ratio(x):
    return x[x > 0].sum() / abs(x[x < 0].sum())


def create_features(df, raw):
    # notebook 000's create_features; raw=True passes numpy arrays to the RSI lambda (same sums, faster)
    df = df.copy()
    df["sma_20"] = df["price"].rolling(20, min_periods=1).mean()
    df["volatility"] = df["returns"].rolling(50, min_periods=1).std()
    with np.errstate(divide="ignore", invalid="ignore"):
        df["rsi"] = 100 - (100 / (1 + df["returns"].rolling(14).apply(rsi_ratio, raw=raw)))
    df["price_zscore"] = (df["price"] - df["price"].mean()) / df["price"].std()
    df["volume_rank"] = df["volume"].rank(pct=True)
    df["price_volume"] = df["price"] * df["volume"]
    df["momentum"] = df["price"].pct_change(periods=5)
    return df


FEATURES = ["sma_20", "volatility", "rsi", "price_zscore", "volume_rank", "price_volume", "momentum"]


def market(seed, n):
    np.random.seed(seed)
    return pd.DataFrame(
        {
            "price": np.random.lognormal(3, 1, n),
            "volume": np.random.exponential(1000, n),
            "returns": np.random.randn(n) * 0.02,
            "sector": np.random.choice(["tech", "finance", "energy"], n),
        }
    )


def indicators_case(seed, n):
    df = market(seed, n)
    out = create_features(df, raw=True)
    # the notebook's raw=False gives the same values (checked here, where it is still cheap)
    check = create_features(df.iloc[: min(n, 400)], raw=False)["rsi"].to_numpy()
    same = create_features(df.iloc[: min(n, 400)], raw=True)["rsi"].to_numpy()
    assert np.array_equal(check, same, equal_nan=True), "raw=False and raw=True RSI differ"
    return {
        "seed": seed,
        "rows": n,
        "priceHead": floats(df["price"].to_numpy()[:3]),
        "sectorHead": list(df["sector"].to_numpy()[:5]),
        "features": {f: floats(out[f].to_numpy()) for f in FEATURES},
    }


def fft_case(n, seed):
    rs = np.random.RandomState(seed)
    x = rs.randn(n)
    X = np.fft.fft(x)
    return {"n": n, "seed": seed, "re": floats(X.real), "im": floats(X.imag)}


def main():
    reference = {
        "generator": f"scripts/play-reference.py with numpy {np.__version__}, pandas {pd.__version__}",
        "pi": [pi_case(s) for s in (42, 0, 7)],
        "sensors": [sensors_case(42, 800, 2000), sensors_case(0, 120, 2000), sensors_case(7, 64, 1009), sensors_case(3, 40, 1500)],
        "indicators": [indicators_case(42, 1500), indicators_case(0, 1200), indicators_case(7, 300)],
        "fft": [fft_case(n, n) for n in (1, 2, 3, 7, 16, 60, 97, 127, 1009, 2000, 4099)],
    }
    with open(OUT, "w") as f:
        json.dump(reference, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
