"""WCAG 2.1 contrast arithmetic, so goal badges in official colours keep readable text."""


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(hex_colour: str) -> float:
    hex_colour = hex_colour.lstrip("#")
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(a: str, b: str) -> float:
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def readable_text_colour(background: str) -> str:
    """Black or white, whichever contrasts more with `background`."""
    return max(("#000000", "#ffffff"), key=lambda fg: contrast_ratio(fg, background))


def darken(hex_colour: str, factor: float) -> str:
    hex_colour = hex_colour.lstrip("#")
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))
    return "#{:02x}{:02x}{:02x}".format(*(round(c * factor) for c in (r, g, b)))


def accessible_badge_colours(background: str, minimum: float = 4.5) -> tuple[str, str]:
    """(background, text) for a badge: the official colour with black or white text, and only
    where neither reaches `minimum`, the colour darkened just enough for white text."""
    text = readable_text_colour(background)
    if contrast_ratio(text, background) >= minimum:
        return background.lower(), text
    for _step in range(100):
        if contrast_ratio("#ffffff", background) >= minimum:
            break
        background = darken(background, 0.98)
    return background.lower(), "#ffffff"
