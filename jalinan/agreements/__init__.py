"""Memoranda (MoU, MoA and other agreements): types, workflow, documents, deliverables, health,
reminders.
"""
