Better: {choice: better}
