#include "model/tokenizer.h"

#include "common/error.h"

#include <algorithm>
#include <cctype>

namespace lanterna {

Tokenizer::Tokenizer(std::vector<std::string> vocab, int max_tokens)
    : vocab_(std::move(vocab)), max_tokens_(max_tokens) {
  require(vocab_.size() >= 2 && vocab_[0] == "<pad>" && vocab_[1] == "<bos>",
          "tokenizer vocabulary must start with <pad>, <bos>");
  require(max_tokens_ >= 2, "tokenizer max_tokens must be at least 2");
  for (size_t i = 0; i < vocab_.size(); ++i) index_.emplace(vocab_[i], static_cast<long>(i));
}

std::vector<std::string> Tokenizer::split_words(const std::string& text) {
  std::vector<std::string> words;
  std::string current;
  for (unsigned char ch : text) {
    if (std::isalnum(ch)) {
      current.push_back(static_cast<char>(std::tolower(ch)));
    } else if (!current.empty()) {
      words.push_back(current);
      current.clear();
    }
  }
  if (!current.empty()) words.push_back(current);
  return words;
}

TokenizedPrompt Tokenizer::encode(const std::string& prompt) const {
  TokenizedPrompt out;
  out.ids.assign(static_cast<size_t>(max_tokens_), kPad);
  out.ids[0] = kBos;
  size_t next = 1;
  for (const std::string& word : split_words(prompt)) {
    auto it = index_.find(word);
    if (it == index_.end() || it->second <= kBos) {
      if (std::find(out.unknown_words.begin(), out.unknown_words.end(), word) ==
          out.unknown_words.end())
        out.unknown_words.push_back(word);
      continue;
    }
    if (next < out.ids.size()) {
      out.ids[next++] = it->second;
    } else {
      out.truncated = true;
    }
  }
  return out;
}

}  // namespace lanterna
