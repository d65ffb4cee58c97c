"""Participation under the Omgevingswet: every kind of activity, what residents said, what was
done with it, open questions, and the participatieverslag per neighbourhood."""
