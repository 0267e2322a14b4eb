"""Language: one pipeline over an Article — sentences and tokens, mentions, relevance, statements, stance."""
