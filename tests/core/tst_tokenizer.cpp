#include "test_registry.h"

#include "model/tokenizer.h"
#include "world/vocabulary.h"

#include <QTest>

using namespace lanterna;

class TestTokenizer : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void encodesKnownWords() {
    const Tokenizer tok(world::vocabulary(), 12);
    const TokenizedPrompt p = tok.encode("A Red circle, moving RIGHT");
    QCOMPARE(p.ids.size(), size_t(12));
    QCOMPARE(p.ids[0], Tokenizer::kBos);
    QVERIFY(p.unknown_words.empty());
    const auto& v = tok.vocab();
    QCOMPARE(v[static_cast<size_t>(p.ids[1])], std::string("a"));
    QCOMPARE(v[static_cast<size_t>(p.ids[2])], std::string("red"));
    QCOMPARE(v[static_cast<size_t>(p.ids[5])], std::string("right"));
    QCOMPARE(p.ids[6], Tokenizer::kPad);
  }
  void reportsUnknownWordsOnce() {
    const Tokenizer tok(world::vocabulary(), 12);
    const TokenizedPrompt p = tok.encode("a fluffy red dragon, fluffy!");
    QCOMPARE(p.unknown_words, (std::vector<std::string>{"fluffy", "dragon"}));
    QCOMPARE(p.ids[1], static_cast<long>(std::find(tok.vocab().begin(), tok.vocab().end(), "a") -
                                         tok.vocab().begin()));
  }
  void specialTokensAreNotWords() {
    const Tokenizer tok(world::vocabulary(), 8);
    const TokenizedPrompt p = tok.encode("pad bos");
    QCOMPARE(p.unknown_words.size(), size_t(2));
  }
  void truncatesLongPrompts() {
    const Tokenizer tok(world::vocabulary(), 4);
    const TokenizedPrompt p = tok.encode("a red circle moving right");
    QVERIFY(p.truncated);
    QCOMPARE(p.ids.size(), size_t(4));
  }
  void rejectsBadVocabulary() {
    QVERIFY_THROWS_EXCEPTION(std::exception, Tokenizer({"a", "b"}, 8));
  }
};

LANTERNA_TEST(TestTokenizer);
#include "tst_tokenizer.moc"
