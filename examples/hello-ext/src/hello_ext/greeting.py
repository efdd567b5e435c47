from hello_ext._speedups import count_letters


def greet(name: str) -> str:
    return f"Hello, {name}! (counted {count_letters(name)} letters in C)"
