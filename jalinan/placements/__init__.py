"""Student placements: openings, student profiles, applications, placements, logbooks,
evaluations.
"""
