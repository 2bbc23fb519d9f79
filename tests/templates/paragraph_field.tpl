Details:
{paragraph: details; default=none}
