"""What the matching engine stores: collections of entities, each with its documents.

The engine knows nothing of the apps that use it: an entity is ``(collection, entity_id)``
(an expert, a challenge, an organisation ...), a document is any text of it (a publication,
a profile, a project description). Vectors and term counts are stored with each document,
keyed by a content hash, so that only changed text is ever re-embedded.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from pgvector.django import VectorField


class IndexedCollection(models.Model):
    """A named set of entities searched together, with the statistics BM25 needs."""

    name = models.CharField(max_length=64, unique=True)
    doc_count = models.PositiveIntegerField(default=0)
    total_length = models.BigIntegerField(default=0)
    # Bumped on every change, so that each process knows when its in-memory index is stale.
    version = models.BigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "matching collection"

    def __str__(self) -> str:
        return self.name


class IndexedEntity(models.Model):
    """One thing that can be found (an expert, a challenge, ...) in one collection."""

    collection = models.ForeignKey(
        IndexedCollection, on_delete=models.CASCADE, related_name="entities"
    )
    entity_id = models.BigIntegerField()
    keywords = models.JSONField(default=list, blank=True)
    meta = models.JSONField(default=dict, blank=True)
    # The collection's version when this entity or one of its documents last changed.
    seq = models.BigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "matching entity"
        constraints = [
            models.UniqueConstraint(
                fields=["collection", "entity_id"], name="matching_entity_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.collection_id}:{self.entity_id}"


class IndexedDoc(models.Model):
    """One text of an entity, with its embedding (once computed) and its term counts."""

    entity = models.ForeignKey(IndexedEntity, on_delete=models.CASCADE, related_name="docs")
    collection = models.ForeignKey(IndexedCollection, on_delete=models.CASCADE, related_name="docs")
    key = models.CharField(max_length=64)
    kind = models.CharField(max_length=32, blank=True)
    title = models.TextField(blank=True)
    text = models.TextField(blank=True)
    year = models.IntegerField(null=True, blank=True)
    weight = models.FloatField(default=1.0)
    # sha256 of the embedded text and the model: a changed text or model means a new vector.
    content_hash = models.CharField(max_length=64, db_index=True)
    model_key = models.CharField(max_length=200, blank=True)  # "" while waiting for a vector
    dim = models.PositiveSmallIntegerField(default=0)
    vector = models.BinaryField(null=True, blank=True)  # float32, unit length
    terms = models.BinaryField(blank=True, default=b"")  # see text.encode_terms
    length = models.PositiveIntegerField(default=0)
    # PostgreSQL only (left empty elsewhere): pgvector copy of ``vector`` and the FTS vector.
    embedding = VectorField(null=True, blank=True)
    tsv = SearchVectorField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "matching document"
        constraints = [
            models.UniqueConstraint(fields=["entity", "key"], name="matching_doc_unique")
        ]
        indexes = [models.Index(fields=["collection", "model_key"], name="matching_doc_coll")]

    def __str__(self) -> str:
        return f"{self.entity}:{self.key}"


class TermStat(models.Model):
    """How many documents of a collection contain a term (BM25's document frequency)."""

    collection = models.ForeignKey(IndexedCollection, on_delete=models.CASCADE)
    term = models.IntegerField()
    df = models.IntegerField(default=0)

    class Meta:
        verbose_name = "matching term statistic"
        constraints = [
            models.UniqueConstraint(fields=["collection", "term"], name="matching_term_unique")
        ]

    def __str__(self) -> str:
        return f"{self.collection_id}:{self.term}={self.df}"


class EmbeddingCache(models.Model):
    """Vectors by content hash: a text embedded once is never embedded again, whichever
    entity or collection it comes back in (co-authored papers, re-imports, evaluations)."""

    content_hash = models.CharField(max_length=64, unique=True)
    dim = models.PositiveSmallIntegerField()
    vector = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "cached embedding"

    def __str__(self) -> str:
        return self.content_hash[:12]
