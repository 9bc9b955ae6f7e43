"""Language helpers shared by rules: tokens, sentences, name mentions.

Each view is computed once per document (``Document.cached``) and shared.
"""
