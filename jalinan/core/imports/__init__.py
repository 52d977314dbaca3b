"""One import framework for every register the office kept before Jalinan (memoranda,
activities, projects, IP, licences, placements, outcomes, partners, publications).

Each app declares its register (columns, reference, the function writing a row through its
services) with :func:`registry.register_import` from its ``AppConfig.ready()``; reading,
converting, checking, previewing, writing and reporting are here, the same for every register.
"""
