{text: note}{if: note}[has note]{else}[no note]{end}
