// Word-level tokenizer over a fixed vocabulary (stored in model.json).
// Words outside the vocabulary are dropped from the token sequence and
// reported back so the caller can warn the user; they are never an error.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

namespace lanterna {

struct TokenizedPrompt {
  std::vector<long> ids;                   // <bos> + known words, padded with <pad> (0)
  std::vector<std::string> unknown_words;  // in prompt order, each once
  bool truncated = false;                  // more known words than max_tokens - 1
};

class Tokenizer {
 public:
  Tokenizer(std::vector<std::string> vocab, int max_tokens);

  TokenizedPrompt encode(const std::string& prompt) const;
  // Splits into lower-case words: runs of letters and digits.
  static std::vector<std::string> split_words(const std::string& text);

  const std::vector<std::string>& vocab() const { return vocab_; }
  int max_tokens() const { return max_tokens_; }
  bool knows(const std::string& word) const { return index_.count(word) > 0; }

  static constexpr long kPad = 0;
  static constexpr long kBos = 1;

 private:
  std::vector<std::string> vocab_;
  std::unordered_map<std::string, long> index_;
  int max_tokens_;
};

}  // namespace lanterna
