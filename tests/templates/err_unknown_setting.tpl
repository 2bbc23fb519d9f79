{text: reason; defualt=x}
