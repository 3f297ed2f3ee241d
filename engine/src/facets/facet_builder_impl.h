// build_facet, kept beside facet_builder.h because it is a template.
#pragma once

#include <algorithm>

#include "graph/roaring_writer.h"

namespace mutuals::internal {

template <typename VertexOf>
BuiltFacet build_facet(std::span<const FacetRecord> rows, std::uint32_t members, VertexOf&& vertex_of) {
  BuiltFacet f;
  f.values.reserve(rows.size());
  for (const FacetRecord& r : rows) f.values.push_back(r.value);
  std::sort(f.values.begin(), f.values.end());
  f.values.erase(std::unique(f.values.begin(), f.values.end()), f.values.end());

  struct Row {
    VertexId vertex;
    FacetEntry entry;
  };
  std::vector<Row> sorted;
  sorted.reserve(rows.size());
  for (const FacetRecord& r : rows) {
    std::uint16_t start = r.start_year.value_or(r.end_year.value_or(kNoYear));
    std::uint16_t end = r.end_year.value_or(r.start_year.value_or(kNoYear));
    auto index = static_cast<std::uint32_t>(std::lower_bound(f.values.begin(), f.values.end(), r.value) -
                                            f.values.begin());
    sorted.push_back({vertex_of(r.member), {index, start, end}});
  }
  auto key = [](const Row& r) { return std::tuple(r.vertex, r.entry.value, r.entry.start, r.entry.end); };
  std::sort(sorted.begin(), sorted.end(), [&](const Row& a, const Row& b) { return key(a) < key(b); });
  sorted.erase(std::unique(sorted.begin(), sorted.end(), [&](const Row& a, const Row& b) { return key(a) == key(b); }),
               sorted.end());

  f.member_offsets.assign(std::size_t(members) + 1, 0);
  for (const Row& r : sorted) {
    ++f.member_offsets[r.vertex + 1];
    f.entries.push_back(r.entry);
  }
  for (std::uint32_t v = 0; v < members; ++v) f.member_offsets[v + 1] += f.member_offsets[v];

  // Members per value, ascending vertex ids.
  std::vector<std::vector<std::uint32_t>> by_value(f.values.size());
  for (const Row& r : sorted) {
    auto& list = by_value[r.entry.value];
    if (list.empty() || list.back() != r.vertex) list.push_back(r.vertex);
  }
  f.value_offsets.assign(f.values.size() + 1, 0);
  for (std::size_t i = 0; i < by_value.size(); ++i) {
    std::sort(by_value[i].begin(), by_value[i].end());
    f.value_offsets[i + 1] = f.value_offsets[i] + serialized_bitmap_size(by_value[i]);
  }
  f.value_members.resize(f.value_offsets.back());
  for (std::size_t i = 0; i < by_value.size(); ++i) {
    serialize_bitmap(by_value[i], f.value_members.data() + f.value_offsets[i]);
  }
  return f;
}

}  // namespace mutuals::internal
