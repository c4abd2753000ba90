"""Views of decisions: the beschikking and cancelling (decisions), objections."""
