#include "parsers/page/gumbo_tree.h"

#include <csetjmp>
#include <cstdlib>

namespace gpalert {

// The blocks Gumbo holds, on an intrusive list (so an abandoned parse frees them all).
// The header keeps the block's payload aligned as malloc's is.
struct alignas(alignof(std::max_align_t)) BlockHeader {
  BlockHeader* prev;
  BlockHeader* next;
  std::size_t size;
};

struct GumboArena {
  enum class Stop { kNone, kMemory, kBudget, kOutOfMemory };

  BlockHeader list{&list, &list, 0};  // sentinel
  std::size_t bytes = 0;
  std::size_t peak = 0;
  std::size_t limit = 0;
  std::size_t calls = 0;
  const ParseBudget* budget = nullptr;
  Stop stop = Stop::kNone;
  std::jmp_buf escape;
  GumboOutput* output = nullptr;

  GumboArena() = default;
  GumboArena(const GumboArena&) = delete;
  GumboArena& operator=(const GumboArena&) = delete;
  ~GumboArena() {
    for (BlockHeader* b = list.next; b != &list;) {
      BlockHeader* next = b->next;
      std::free(b);
      b = next;
    }
  }
};

namespace {

using Arena = GumboArena;

[[noreturn]] void Abandon(Arena* arena, Arena::Stop why) noexcept {
  arena->stop = why;
  std::longjmp(arena->escape, 1);
}

void* Allocate(void* userdata, size_t size) noexcept {
  auto* arena = static_cast<Arena*>(userdata);
  if (size > arena->limit - arena->bytes) Abandon(arena, Arena::Stop::kMemory);
  if ((++arena->calls & 1023) == 0 && arena->budget->Exceeded())
    Abandon(arena, Arena::Stop::kBudget);
  auto* block = static_cast<BlockHeader*>(std::malloc(sizeof(BlockHeader) + size));
  if (!block) Abandon(arena, Arena::Stop::kOutOfMemory);
  block->size = size;
  block->prev = &arena->list;
  block->next = arena->list.next;
  arena->list.next->prev = block;
  arena->list.next = block;
  arena->bytes += size;
  if (arena->bytes > arena->peak) arena->peak = arena->bytes;
  return block + 1;
}

void Deallocate(void* userdata, void* ptr) noexcept {
  if (!ptr) return;
  auto* arena = static_cast<Arena*>(userdata);
  BlockHeader* block = static_cast<BlockHeader*>(ptr) - 1;
  block->prev->next = block->next;
  block->next->prev = block->prev;
  arena->bytes -= block->size;
  std::free(block);
}

// The only frame between setjmp and Gumbo: nothing here lives across the jump.
GumboOutput* RunGumbo(Arena* arena, const GumboOptions* options, const char* data,
                      std::size_t size) noexcept {
  if (setjmp(arena->escape) != 0) return nullptr;
  return gumbo_parse_with_options(options, data, size);
}

}  // namespace

GumboTree::GumboTree(std::unique_ptr<GumboArena> arena) : arena_(std::move(arena)) {}
GumboTree::GumboTree(GumboTree&&) noexcept = default;
GumboTree& GumboTree::operator=(GumboTree&&) noexcept = default;
GumboTree::~GumboTree() = default;

const GumboNode* GumboTree::root() const { return arena_->output->root; }
std::size_t GumboTree::peak_bytes() const { return arena_->peak; }

Result<GumboTree> GumboTree::Parse(std::string_view html, GumboOptions options,
                                   const ParseBudget& budget) {
  auto arena = std::make_unique<GumboArena>();
  arena->limit = budget.limits().max_parser_bytes;
  arena->budget = &budget;
  options.allocator = &Allocate;
  options.deallocator = &Deallocate;
  options.userdata = arena.get();
  arena->output = RunGumbo(arena.get(), &options, html.data(), html.size());
  switch (arena->stop) {
    case Arena::Stop::kNone:
      break;
    case Arena::Stop::kMemory:
      return budget.TooMuchMemory(arena->peak);
    case Arena::Stop::kBudget: {
      Status why = budget.Check();
      return why.ok() ? Status::Internal("HTML parser stopped for no reason") : why;
    }
    case Arena::Stop::kOutOfMemory:
      return Status::Internal("out of memory while parsing HTML");
  }
  if (!arena->output || !arena->output->root || arena->output->root->type != GUMBO_NODE_ELEMENT)
    return Status::InvalidArgument("HTML parser produced no document");
  return GumboTree(std::move(arena));
}

}  // namespace gpalert
