{snippet: accuracy PHRASE}; {=better}
