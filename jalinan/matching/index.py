"""Writing to the index: entities and their documents, re-embedded only when changed."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
from django.conf import settings
from django.db import connection, transaction
from django.db.models import F

from . import embedder as emb
from .models import EmbeddingCache, IndexedCollection, IndexedDoc, IndexedEntity, TermStat
from .text import decode_terms, encode_terms, term_counts


@dataclass(frozen=True)
class Doc:
    """One text of an entity, as the calling app hands it to the engine.

    ``id`` is the caller's own key for it (unique within the entity), ``kind`` a free label
    ("publication", "profile", "project", ...) shown back in the evidence, ``weight`` a
    multiplier of its score (e.g. 0.8 for a profile summary, 1 for a publication).
    """

    id: str | int
    title: str = ""
    text: str = ""
    year: int | None = None
    kind: str = ""
    weight: float = 1.0

    def body(self) -> str:
        title = (self.title or "").strip()
        text = (self.text or "").strip()
        if title and text:
            sep = " " if title.endswith((".", "?", "!", ":")) else ". "
            return f"{title}{sep}{text}"
        return title or text


@dataclass
class IndexReport:
    created: int = 0
    updated: int = 0  # text changed: re-embedded
    unchanged: int = 0
    removed: int = 0
    pending: int = 0  # waiting for a vector
    keys: dict[str, list[str]] = field(default_factory=dict)


def content_hash(model: str, body: str) -> str:
    return hashlib.sha256(f"{model}\n{body}".encode()).hexdigest()


def _term_delta(delta: Counter, blob, sign: int):
    ids, _tf = decode_terms(blob)
    for t in ids.tolist():
        delta[t] += sign


def _apply_term_delta(coll: IndexedCollection, delta: Counter):
    changes = [(coll.pk, t, d) for t, d in delta.items() if d]
    if not changes:
        return
    table = TermStat._meta.db_table
    with connection.cursor() as cur:
        cur.executemany(
            f"INSERT INTO {table} (collection_id, term, df) VALUES (%s, %s, %s) "  # noqa: S608
            f"ON CONFLICT (collection_id, term) DO UPDATE SET df = {table}.df + excluded.df",
            changes,
        )


def _eager() -> bool:
    return bool(getattr(settings, "CELERY_TASK_ALWAYS_EAGER", True))


def collection_get(name: str) -> IndexedCollection:
    coll, _created = IndexedCollection.objects.get_or_create(name=name)
    return coll


@transaction.atomic
def index_entity(
    collection: str,
    entity_id: int,
    docs: list[Doc],
    meta: dict | None = None,
    keywords: list[str] | None = None,
    *,
    embed: bool = True,
) -> IndexReport:
    """Make ``docs`` the documents of entity ``entity_id`` in ``collection``.

    Documents are matched to the stored ones by ``Doc.id``; only those whose text changed (by
    content hash, model included) are re-embedded, in the background (at once when Celery runs
    eagerly, the embedded default). Documents no longer given are removed. ``embed=False``
    leaves the changed documents waiting for a vector, for a caller indexing many entities
    that then embeds them in batches with :func:`embed_pending_docs` (much faster).
    """
    coll = collection_get(collection)
    coll = IndexedCollection.objects.select_for_update().get(pk=coll.pk)
    ent, _created = IndexedEntity.objects.update_or_create(
        collection=coll,
        entity_id=entity_id,
        defaults={"meta": meta or {}, "keywords": list(keywords or [])},
    )
    existing = {
        d.key: d
        for d in IndexedDoc.objects.filter(entity=ent).only(
            "id",
            "key",
            "kind",
            "title",
            "text",
            "year",
            "weight",
            "content_hash",
            "terms",
            "length",
        )
    }
    model = emb.model_key()
    seq = coll.version + 1  # the version this change makes (the collection row is locked)
    report = IndexReport()
    term_delta: Counter = Counter()
    length_delta = 0
    count_delta = 0
    to_create: list[IndexedDoc] = []
    to_update: list[IndexedDoc] = []
    seen: set[str] = set()
    for doc in docs:
        key = str(doc.id)[:64]
        if key in seen:
            continue
        seen.add(key)
        body = doc.body()
        digest = content_hash(model, body)
        year = int(doc.year) if doc.year else None
        old = existing.pop(key, None)
        if old is not None and old.content_hash == digest:
            if (old.kind, old.title, old.text, old.year, old.weight) != (
                doc.kind,
                doc.title,
                doc.text,
                year,
                float(doc.weight),
            ):
                old.kind, old.title, old.text, old.year = doc.kind, doc.title, doc.text, year
                old.weight = float(doc.weight)
                to_update.append(old)
            report.unchanged += 1
            continue
        counts, length = term_counts(body)
        blob = encode_terms(counts)
        if old is None:
            obj = IndexedDoc(entity=ent, collection=coll, key=key)
            report.created += 1
            count_delta += 1
        else:
            obj = old
            _term_delta(term_delta, old.terms, -1)
            length_delta -= old.length
            report.updated += 1
        obj.kind, obj.title, obj.text, obj.year, obj.weight = (
            doc.kind,
            doc.title,
            doc.text,
            year,
            float(doc.weight),
        )
        obj.content_hash, obj.terms, obj.length = digest, blob, length
        obj.model_key, obj.dim, obj.vector, obj.embedding = "", 0, None, None
        _term_delta(term_delta, blob, +1)
        length_delta += length
        (to_create if old is None else to_update).append(obj)
        report.keys.setdefault("changed", []).append(key)
    for old in existing.values():
        _term_delta(term_delta, old.terms, -1)
        length_delta -= old.length
        count_delta -= 1
        report.removed += 1
    if existing:
        IndexedDoc.objects.filter(pk__in=[d.pk for d in existing.values()]).delete()
    _fill_from_cache(to_create + [d for d in to_update if not d.model_key and d.vector is None])
    if to_create:
        IndexedDoc.objects.bulk_create(to_create, batch_size=500)
    if to_update:
        IndexedDoc.objects.bulk_update(
            to_update,
            [
                "kind",
                "title",
                "text",
                "year",
                "weight",
                "content_hash",
                "terms",
                "length",
                "model_key",
                "dim",
                "vector",
                "embedding",
            ],
            batch_size=500,
        )
    _apply_term_delta(coll, term_delta)
    changed = bool(report.created or report.updated or report.removed or to_update)
    if changed or _created:
        IndexedCollection.objects.filter(pk=coll.pk).update(
            version=F("version") + 1,
            doc_count=F("doc_count") + count_delta,
            total_length=F("total_length") + length_delta,
        )
        IndexedEntity.objects.filter(pk=ent.pk).update(seq=seq)
    if connection.vendor == "postgresql" and (to_create or to_update):
        _update_tsv([d.pk for d in to_create + to_update])
    report.pending = sum(1 for d in to_create + to_update if not d.model_key)
    if report.pending and embed:
        _schedule_embedding(collection)
    return report


def _update_tsv(pks: list[int]):
    table = IndexedDoc._meta.db_table
    with connection.cursor() as cur:
        cur.execute(
            f"UPDATE {table} SET tsv = to_tsvector('english', title || ' ' || text) "  # noqa: S608
            "WHERE id = ANY(%s)",
            [pks],
        )


def _schedule_embedding(collection: str):
    from .tasks import embed_pending

    if _eager():
        embed_pending(collection)
    else:
        transaction.on_commit(lambda: embed_pending.delay(collection))


def _fill_from_cache(docs: list[IndexedDoc]):
    """Give documents whose text was embedded before (anywhere) that vector at once."""
    want = {d.content_hash for d in docs}
    if not want:
        return
    model = emb.model_key()
    found = {}
    hashes = list(want)
    for i in range(0, len(hashes), 500):
        for row in EmbeddingCache.objects.filter(content_hash__in=hashes[i : i + 500]):
            found[row.content_hash] = row
    for d in docs:
        c = found.get(d.content_hash)
        if c is not None:
            d.vector, d.dim, d.model_key = bytes(c.vector), c.dim, model
            if connection.vendor == "postgresql":
                d.embedding = np.frombuffer(bytes(c.vector), dtype=np.float32)


@transaction.atomic
def remove_entity(collection: str, entity_id: int) -> bool:
    """Take an entity and its documents out of ``collection``. True if it was there."""
    coll = IndexedCollection.objects.select_for_update().filter(name=collection).first()
    if coll is None:
        return False
    ent = IndexedEntity.objects.filter(collection=coll, entity_id=entity_id).first()
    if ent is None:
        return False
    delta: Counter = Counter()
    length = 0
    docs = list(IndexedDoc.objects.filter(entity=ent).only("id", "terms", "length"))
    for d in docs:
        _term_delta(delta, d.terms, -1)
        length += d.length
    _apply_term_delta(coll, delta)
    ent.delete()
    IndexedCollection.objects.filter(pk=coll.pk).update(
        version=F("version") + 1,
        doc_count=F("doc_count") - len(docs),
        total_length=F("total_length") - length,
    )
    return True


def embed_pending_docs(collection: str | None = None, *, batch_size: int = 64) -> int:
    """Embed every document still waiting for a vector of the current model. Returns how
    many were embedded (cache hits included)."""
    model = emb.model_key()
    qs = IndexedDoc.objects.exclude(model_key=model)
    if collection:
        qs = qs.filter(collection__name=collection)
    done = 0
    embedder = None
    touched: set[int] = set()
    while True:
        batch = list(
            qs.only("id", "collection_id", "entity_id", "title", "text", "content_hash").order_by(
                "id"
            )[:batch_size]
        )
        if not batch:
            break
        # A document embedded under another model still has that model's hash.
        for d in batch:
            d.content_hash = content_hash(model, Doc(0, d.title, d.text).body())
        cached = {
            c.content_hash: c
            for c in EmbeddingCache.objects.filter(content_hash__in=[d.content_hash for d in batch])
        }
        missing = [d for d in batch if d.content_hash not in cached]
        if missing:
            embedder = embedder or emb.get_embedder()
            texts = [Doc(0, d.title, d.text).body() for d in missing]
            vectors = embedder.embed(texts)
            new: dict[str, EmbeddingCache] = {}
            for d, v in zip(missing, vectors, strict=True):
                new.setdefault(
                    d.content_hash,
                    EmbeddingCache(
                        content_hash=d.content_hash,
                        dim=len(v),
                        vector=v.astype(np.float32).tobytes(),
                    ),
                )
            EmbeddingCache.objects.bulk_create(list(new.values()), ignore_conflicts=True)
            cached.update(new)
        pg = connection.vendor == "postgresql"
        for d in batch:
            c = cached[d.content_hash]
            d.vector, d.dim, d.model_key = bytes(c.vector), c.dim, model
            if pg:
                d.embedding = np.frombuffer(bytes(c.vector), dtype=np.float32)
            touched.add(d.collection_id)
        with transaction.atomic():
            fields = ["vector", "dim", "model_key", "content_hash"] + (["embedding"] if pg else [])
            IndexedDoc.objects.bulk_update(batch, fields)
            for coll in IndexedCollection.objects.select_for_update().filter(pk__in=touched):
                coll.version += 1
                IndexedCollection.objects.filter(pk=coll.pk).update(version=coll.version)
                IndexedEntity.objects.filter(
                    pk__in={d.entity_id for d in batch if d.collection_id == coll.pk}
                ).update(seq=coll.version)
            touched.clear()
        done += len(batch)
    return done


def pending_count(collection: str | None = None) -> int:
    qs = IndexedDoc.objects.exclude(model_key=emb.model_key())
    if collection:
        qs = qs.filter(collection__name=collection)
    return qs.count()


@transaction.atomic
def index_new_entities(
    collection: str,
    items: list[tuple[int, list[Doc], dict | None, list[str] | None]],
    *,
    embed: bool = False,
) -> list[int]:
    """Index many entities that are not in ``collection`` yet, in a few statements (a bulk
    sync's thousands of new records): what :func:`index_entity` does for each, with one
    collection version for all. Returns the ids it left alone because they are already
    indexed (give those to :func:`index_entity`). With ``embed``, each distinct text not
    embedded before is embedded now, once (thousands of students share a few programme
    names); without, the documents wait for a vector (:func:`embed_pending_docs`)."""
    coll = collection_get(collection)
    coll = IndexedCollection.objects.select_for_update().get(pk=coll.pk)
    ids = [entity_id for entity_id, *_rest in items]
    indexed: set[int] = set()
    for i in range(0, len(ids), 500):
        indexed.update(
            IndexedEntity.objects.filter(
                collection=coll, entity_id__in=ids[i : i + 500]
            ).values_list("entity_id", flat=True)
        )
    fresh = [item for item in items if item[0] not in indexed]
    if not fresh:
        return sorted(indexed)
    seq = coll.version + 1
    entities = IndexedEntity.objects.bulk_create(
        [
            IndexedEntity(
                collection=coll,
                entity_id=entity_id,
                meta=meta or {},
                keywords=list(keywords or []),
                seq=seq,
            )
            for entity_id, _docs, meta, keywords in fresh
        ],
        batch_size=500,
    )
    model = emb.model_key()
    term_delta: Counter = Counter()
    length_delta = 0
    to_create: list[IndexedDoc] = []
    for ent, (_entity_id, docs, _meta, _keywords) in zip(entities, fresh, strict=True):
        seen: set[str] = set()
        for doc in docs:
            key = str(doc.id)[:64]
            if key in seen:
                continue
            seen.add(key)
            body = doc.body()
            counts, length = term_counts(body)
            blob = encode_terms(counts)
            to_create.append(
                IndexedDoc(
                    entity=ent,
                    collection=coll,
                    key=key,
                    kind=doc.kind,
                    title=doc.title,
                    text=doc.text,
                    year=int(doc.year) if doc.year else None,
                    weight=float(doc.weight),
                    content_hash=content_hash(model, body),
                    terms=blob,
                    length=length,
                    model_key="",
                    dim=0,
                    vector=None,
                    embedding=None,
                )
            )
            _term_delta(term_delta, blob, +1)
            length_delta += length
    if embed:
        _embed_into_cache({d.content_hash: Doc(0, d.title, d.text).body() for d in to_create})
    _fill_from_cache(to_create)
    IndexedDoc.objects.bulk_create(to_create, batch_size=500)
    _apply_term_delta(coll, term_delta)
    IndexedCollection.objects.filter(pk=coll.pk).update(
        version=F("version") + 1,
        doc_count=F("doc_count") + len(to_create),
        total_length=F("total_length") + length_delta,
    )
    if connection.vendor == "postgresql" and to_create:
        _update_tsv([d.pk for d in to_create])
    return sorted(indexed)


def _embed_into_cache(texts: dict[str, str], *, batch_size: int = 64) -> None:
    """Embed the texts (``{content hash: body}``) the cache does not hold yet, and keep them."""
    hashes = list(texts)
    have: set[str] = set()
    for i in range(0, len(hashes), 500):
        have.update(
            EmbeddingCache.objects.filter(content_hash__in=hashes[i : i + 500]).values_list(
                "content_hash", flat=True
            )
        )
    missing = [h for h in hashes if h not in have]
    if not missing:
        return
    embedder = emb.get_embedder()
    for i in range(0, len(missing), batch_size):
        chunk = missing[i : i + batch_size]
        vectors = embedder.embed([texts[h] for h in chunk])
        EmbeddingCache.objects.bulk_create(
            [
                EmbeddingCache(content_hash=h, dim=len(v), vector=v.astype(np.float32).tobytes())
                for h, v in zip(chunk, vectors, strict=True)
            ],
            ignore_conflicts=True,
        )
