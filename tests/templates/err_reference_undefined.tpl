{=better}
