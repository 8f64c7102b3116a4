"""Writes test/fixtures/vad/faster-whisper-regions.json: speech regions computed by faster-whisper's own
get_speech_timestamps on seeded probability sequences, with its VAD model replaced by a stub returning them.

Usage: python3 scripts/vad-regions-reference.py PATH/TO/faster_whisper/vad.py
(needs numpy; faster-whisper's other dependencies are not imported: only vad.py is loaded.)
"""
import importlib.util
import json
import math
import sys
import types

import numpy as np

vad_path = sys.argv[1]
utils = types.ModuleType("faster_whisper.utils")
utils.get_assets_path = lambda: ""
sys.modules["faster_whisper"] = types.ModuleType("faster_whisper")
sys.modules["faster_whisper.utils"] = utils
spec = importlib.util.spec_from_file_location("faster_whisper.vad", vad_path)
vad = importlib.util.module_from_spec(spec)
spec.loader.exec_module(vad)

rng = np.random.default_rng(2026)
cases = []
option_sets = [
    {},
    {"min_silence_duration_ms": 200, "speech_pad_ms": 30},
    {"threshold": 0.3, "min_speech_duration_ms": 250, "min_silence_duration_ms": 100, "speech_pad_ms": 100},
    {"threshold": 0.6, "neg_threshold": 0.2, "max_speech_duration_s": 2.0, "min_silence_duration_ms": 300, "speech_pad_ms": 50},
    {"max_speech_duration_s": 1.5, "min_silence_duration_ms": 0, "speech_pad_ms": 0},
    {"threshold": 0.5, "min_speech_duration_ms": 100, "max_speech_duration_s": 30.0, "min_silence_duration_ms": 100, "speech_pad_ms": 400},
]
for k in range(48):
    runs = rng.integers(1, 80, size=rng.integers(1, 30))
    levels = rng.choice([0.01, 0.2, 0.4, 0.45, 0.55, 0.7, 0.95], size=len(runs))
    probs = np.concatenate([np.full(n, p) + rng.normal(0, 0.05, n) for n, p in zip(runs, levels)]).clip(0, 1).round(3)
    total = int((len(probs) - 1) * 512 + rng.integers(0, 512))
    opts = option_sets[k % len(option_sets)]
    vad.get_vad_model = lambda probs=probs: (lambda audio: probs[: audio.shape[0] // 512].reshape(-1, 1))
    regions = vad.get_speech_timestamps(np.zeros(total, dtype=np.float32), vad.VadOptions(**opts))
    cases.append({
        "options": {k2: (None if isinstance(v, float) and math.isinf(v) else v) for k2, v in opts.items()},
        "totalSamples": total,
        "probs": [float(p) for p in probs],
        "regions": [[int(r["start"]), int(r["end"])] for r in regions],
    })
json.dump({"source": "faster-whisper get_speech_timestamps (faster_whisper/vad.py) on stub probabilities", "cases": cases}, sys.stdout)
