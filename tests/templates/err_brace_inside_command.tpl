{text: {reason}}
