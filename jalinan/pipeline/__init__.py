"""The brokerage pipeline: every opportunity with industry (a public enquiry, a challenge, a
technology enquiry, a direct contact) from first contact to a project, with the officers'
board, the funnel figures and the public "tell us your problem" form.
"""
