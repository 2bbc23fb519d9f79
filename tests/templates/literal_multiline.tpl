Response A is better.
It cites sources.
