{choice: better;
  A |
  B;
  default=B} wins
