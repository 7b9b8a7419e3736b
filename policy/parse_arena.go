package policy

// arena hands out the lists of one parsed document (a Strings's values, a
// key's condition values, a block's keys…) carved from shared chunks, so
// that a document's many small lists cost a few allocations instead of
// one each. A list is built at the end of the current chunk and moved to
// a larger chunk when it outgrows it; a list handed out has its capacity
// cut to its length, so that appending to it copies instead of writing
// over its neighbour. One list of an arena is open at a time.
type arena[T any] struct {
	buf   []T // the current chunk; the open list is buf[open:]
	first int // the size of the first chunk
}

// newArena returns an arena whose first chunk holds first elements. Later
// chunks double, up to a size past which a chunk's unused end would waste
// more than the allocations it saves.
func newArena[T any](first int) arena[T] { return arena[T]{first: first} }

const arenaMaxChunk = 512

// begin opens a list and returns its start.
func (a *arena[T]) begin() int { return len(a.buf) }

// add appends x to the list opened at *open, moving the list (and *open)
// to a new chunk when the current one is full.
func (a *arena[T]) add(open *int, x T) {
	if len(a.buf) == cap(a.buf) {
		list := a.buf[*open:]
		size := min(max(2*cap(a.buf), a.first, 1), arenaMaxChunk)
		size = max(size, 2*len(list))
		chunk := make([]T, len(list), size)
		copy(chunk, list)
		a.buf, *open = chunk, 0
	}
	a.buf = append(a.buf, x)
}

// end closes the list opened at open and returns it.
func (a *arena[T]) end(open int) []T {
	return a.buf[open:len(a.buf):len(a.buf)]
}

// one returns a list holding x alone.
func (a *arena[T]) one(x T) []T {
	open := a.begin()
	a.add(&open, x)
	return a.end(open)
}
