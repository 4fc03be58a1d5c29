"""The content checker: every problem a contributor can make, as file:line, before publishing."""
