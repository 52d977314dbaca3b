"""The matching engine: lexical and dense indexes, scorer, explanations. Knows no other app."""
