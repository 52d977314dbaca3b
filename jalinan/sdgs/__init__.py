"""The 17 Sustainable Development Goals, their targets, the classifier, and SDG tags on any
record.
"""
