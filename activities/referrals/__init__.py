"""Referrals to specialists: a social worker refers a person to a specialist's service of the
catalogue (a psychologist, a lawyer, an addiction counsellor, a career adviser at the labour office…),
the specialist's weekly slots take appointments for it, and the meetings recorded as individual
support move it on. Models (loaded by ``activities.models``), services, forms, filters and the letter.
"""
