"""The placement pages, one module per aggregate (urls.py names them):

openings        openings, the student's recommended ones, approval
applications    applying and the applications
profiles        students' placement profiles and CVs
placements      placements
logbooks        the weekly logbook and its review
evaluations     the industry supervisor's evaluation (by link) and the rubric
feedback        the student's rating of the placement
overview        the coordinators' and the office's overview
outcomes        graduates' outcomes and the employability figure
programmes      the office's programmes of study
common          what they share
"""
