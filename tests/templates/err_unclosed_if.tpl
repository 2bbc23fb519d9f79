{choice: b; x | y}
{if: b = x}yes
