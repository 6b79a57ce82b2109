/// Where views draw: a cell buffer plus a clip rectangle. Drawing outside the clip is dropped;
/// text is measured in columns, wide characters never split, control characters made visible.
///
/// Views are pure: they take state, theme and a rectangle and draw into a canvas. Nothing here
/// touches a terminal.
package struct Canvas: Sendable {
    package private(set) var buffer: CellBuffer
    /// Only cells inside this rectangle are written.
    package private(set) var clip: Rect

    /// A blank canvas of `size`.
    package init(size: Size, fill: Cell = .blank()) {
        self.buffer = CellBuffer(size: size, fill: fill)
        self.clip = Rect(size: size)
    }

    package var size: Size { self.buffer.size }

    /// Runs `body` with the clip narrowed to `rect` (intersected with the current clip).
    package mutating func clipped(to rect: Rect, _ body: (inout Canvas) -> Void) {
        let saved = self.clip
        self.clip = saved.intersection(rect)
        body(&self)
        self.clip = saved
    }

    /// Fills `rect` with blanks in `style`.
    package mutating func fill(_ rect: Rect, style: Style) {
        let area = rect.intersection(self.clip)
        guard !area.isEmpty else { return }
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX {
                self.set(x: x, y: y, .blank(style))
            }
        }
    }

    /// Lays `style` over the cells of `rect` without changing their characters (for highlights).
    package mutating func applyStyle(_ rect: Rect, style: Style) {
        let area = rect.intersection(self.clip)
        guard !area.isEmpty else { return }
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX {
                var cell = self.buffer[x, y]
                cell.style = cell.style.patched(with: style)
                self.buffer[x, y] = cell
            }
        }
    }

    /// The cell at `point`, if inside the buffer.
    package func cell(at point: Point) -> Cell? {
        self.buffer.contains(x: point.x, y: point.y) ? self.buffer[point.x, point.y] : nil
    }

    /// Draws `text` from `point` on one row, at most `maxWidth` columns (default: to the clip's
    /// right edge), and returns the number of columns used. The style is laid over whatever
    /// background the cells already have when `style.background` is nil.
    @discardableResult
    package mutating func write(_ text: String, at point: Point, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        let limit = min(self.clip.maxX, point.x + (maxWidth ?? Int.max / 2))
        guard point.y >= self.clip.y, point.y < self.clip.maxY else {
            return min(TextWidth.of(text), max(0, limit - point.x))
        }
        var x = point.x
        for rawCharacter in text {
            let character = Self.displayable(rawCharacter)
            let width = CharacterWidth.of(character)
            if width == 0 { continue }
            if x + width > limit {
                // A wide character that does not fit leaves a blank, never half a glyph.
                if x < limit { self.put(" ", x: x, y: point.y, width: 1, style: style) }
                x = limit
                break
            }
            self.put(character, x: x, y: point.y, width: width, style: style)
            x += width
        }
        return x - point.x
    }

    /// Draws styled spans one after another; returns the columns used.
    @discardableResult
    package mutating func write(_ spans: [Span], at point: Point, base: Style = .plain, maxWidth: Int? = nil) -> Int {
        var used = 0
        let budget = maxWidth ?? Int.max / 2
        for span in spans {
            guard used < budget else { break }
            used += self.write(span.text, at: Point(x: point.x + used, y: point.y), style: base.patched(with: span.style), maxWidth: budget - used)
        }
        return used
    }

    /// Puts one character; wide characters also claim the next cell. Overwriting half of an
    /// existing wide character blanks its other half.
    private mutating func put(_ character: Character, x: Int, y: Int, width: Int, style: Style) {
        guard x >= self.clip.x, y >= self.clip.y, y < self.clip.maxY, x + width <= self.clip.maxX else { return }
        let existing = self.buffer[x, y]
        let resolved = existing.style.patched(with: style)
        self.set(x: x, y: y, Cell(character, style: resolved, width: UInt8(width)))
        if width == 2 {
            self.set(x: x + 1, y: y, .continuation(resolved))
        }
    }

    /// Writes a cell, repairing any wide character it cuts in half.
    private mutating func set(x: Int, y: Int, _ cell: Cell) {
        guard self.buffer.contains(x: x, y: y) else { return }
        let old = self.buffer[x, y]
        if old.isContinuation && x > 0 && !cell.isContinuation {
            var left = self.buffer[x - 1, y]
            if left.width == 2 {
                left = .blank(left.style)
                self.buffer[x - 1, y] = left
            }
        }
        if old.width == 2 && cell.width != 2 && x + 1 < self.buffer.size.width {
            let right = self.buffer[x + 1, y]
            if right.isContinuation { self.buffer[x + 1, y] = .blank(right.style) }
        }
        self.buffer[x, y] = cell
    }

    /// `character` as it can be drawn: control characters become their Unicode control pictures
    /// (U+2400 block) or U+FFFD, so raw escapes never reach the terminal.
    package static func displayable(_ character: Character) -> Character {
        guard let first = character.unicodeScalars.first, CharacterWidth.isControl(first) else { return character }
        if first.value < 0x20, let picture = Unicode.Scalar(0x2400 + first.value) { return Character(picture) }
        if first.value == 0x7F { return "\u{2421}" }
        return "\u{FFFD}"
    }
}
