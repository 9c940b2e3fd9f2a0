"""Work_For, Live_In and Kill readings that generalise CoNLL04 train misses, as table
rows: sentences written for this table (not taken from an evaluation set), each with a
relation the reader takes from it, or one it must not draw. Runs the real text loader
(spaCy) on a one-sentence article, as POST /documents does."""

from __future__ import annotations

import pytest

from tests.loaders.text.relations.reading import check_found, check_not_drawn, read

FOUND = [
    # a killer's noun owned by the victim, the killer named after a comma (read by word
    # order: the parse may hang the name on the verb)
    (
        "Two days later, Perry operated on Palme's assassin, Lee Harvey Brandt.",
        ("Lee Harvey Brandt", "KILLED", "Palme"),
    ),
    (
        "Two days later, doctors operated on Maria Santos's assassin, Ivo Marek.",
        ("Ivo Marek", "KILLED", "Maria Santos"),
    ),
    (
        "Guards led Maria Santos' killer Ivo Marek into court.",
        ("Ivo Marek", "KILLED", "Maria Santos"),
    ),
    # a place and "born" next to the name
    (
        "Ohio born Dana Kline was a young actor when she reached Hollywood.",
        ("Dana Kline", "LIVES_IN", "Ohio"),
    ),
    (
        "The Denver-born pianist Tomas Berg played on Sunday.",
        ("Tomas Berg", "LIVES_IN", "Denver"),
    ),
    (
        "Tomas Berg, Oregon born, has taught music for years.",
        ("Tomas Berg", "LIVES_IN", "Oregon"),
    ),
    # serving in or on a body is a seat in it
    (
        "Paul Ober, a lawyer from Dallas who served 12 years in Congress, retired.",
        ("Paul Ober", "MEMBER_OF", "Congress"),
    ),
    (
        "Lena Park served on the Federal Trade Commission until 1990.",
        ("Lena Park", "MEMBER_OF", "Federal Trade Commission"),
    ),
    # a role described with where the person is from
    (
        "Paul Ober, a lawyer from Dallas, took the case.",
        ("Paul Ober", "LIVES_IN", "Dallas"),
    ),
    # a legislator's title and the body it sits in, named in the same sentence
    (
        'Sen. Dana Kline, R-Ore., said, "Voters are looking to the Congress to act."',
        ("Dana Kline", "MEMBER_OF", "Congress"),
    ),
    (
        "The Senate will not vote before spring, said Sen. Tomas Berg.",
        ("Tomas Berg", "MEMBER_OF", "Senate"),
    ),
    # a speaker whose role names no employer speaks for the organisation they report on
    (
        "Acme Corp. will cut 300 jobs next year, spokeswoman Jane Roe said.",
        ("Jane Roe", "WORKS_FOR", "Acme"),
    ),
    (
        "Becton Dickinson Co. sells needle boxes to doctors, said Linda Schmitt,"
        " an assistant product manager.",
        ("Linda Schmitt", "WORKS_FOR", "Becton Dickinson"),
    ),
    # the role after "holds the position of" describes the person; a deputy head
    # works for the body, he does not head it
    (
        "Officials will question Ivan Petrov, who currently holds the position of"
        " first deputy head of the Federal Broadcasting Service.",
        ("Ivan Petrov", "WORKS_FOR", "Federal Broadcasting Service"),
    ),
    (
        "Jane Roe took the post of chief executive of Acme Corp. in May.",
        ("Jane Roe", "HEAD_OF", "Acme"),
    ),
    # the learned reader keeps a killing by a group's members and by a weapon's wielder
    (
        "The seven jurors decided Ivo Marek planned the attack and that his cousin"
        " Tom Reese fired the shotgun that killed Paul Ober.",
        ("Tom Reese", "KILLED", "Paul Ober"),
    ),
]

NOT_DRAWN = [
    # the learned reader must not carry a killing past the verb's own argument: Ruby
    # shot the assassin, not the assassin's victim nor the surgeon
    (
        "Two days later, Dr. Ann Perry operated on Maria Santos's assassin, Ivo Marek,"
        " who had just been shot by Jack Ruby.",
        ("Jack Ruby", "KILLED", "Maria Santos"),
    ),
    (
        "Two days later, Dr. Ann Perry operated on Maria Santos's assassin, Ivo Marek,"
        " who had just been shot by Jack Ruby.",
        ("Jack Ruby", "KILLED", "Ann Perry"),
    ),
    # the man convicted killed, not the woman who married him
    (
        "Anna Holt, who years ago married the man convicted of killing Ivo Marek,"
        " said she plans to divorce him.",
        ("Anna Holt", "KILLED", "Ivo Marek"),
    ),
    # a hedge before the killer's noun makes it no statement
    (
        "Guards led Maria Santos's alleged killer, Ivo Marek, into court.",
        ("Ivo Marek", "KILLED", "Maria Santos"),
    ),
    # a place born of something is no birthplace of the name after it
    (
        "Critics in Ohio born of the old school met Dana Kline.",
        ("Dana Kline", "LIVES_IN", "Ohio"),
    ),
    # a committee is not the body a legislator's title names
    (
        "Rep. Tom Reese, chairman of the House Banking Committee, spoke on Monday.",
        ("Tom Reese", "MEMBER_OF", "House Banking Committee"),
    ),
    # another country's senate is not the one a title names
    (
        "Sen. Jane Roe met members of the Russian Senate in Moscow.",
        ("Jane Roe", "MEMBER_OF", "Russian Senate"),
    ),
    # a role that names its holder, an actor or not, is not the reported organisation's
    (
        "Acme Corp. will cut 300 jobs next year, said Jane Roe, a spokeswoman for the union.",
        ("Jane Roe", "WORKS_FOR", "Acme"),
    ),
    (
        "The Army shelled the village, said Jane Roe, a farmer.",
        ("Jane Roe", "WORKS_FOR", "Army"),
    ),
    (
        "Officials will question Ivan Petrov, who currently holds the position of"
        " first deputy head of the Federal Broadcasting Service.",
        ("Ivan Petrov", "HEAD_OF", "Federal Broadcasting Service"),
    ),
    # a post not held, or only wanted, gives none
    (
        "Jane Roe never held the post of chairman of Acme Corp.",
        ("Jane Roe", "HEAD_OF", "Acme"),
    ),
    (
        "Jane Roe wants to take the job of chairman of Acme Corp.",
        ("Jane Roe", "HEAD_OF", "Acme"),
    ),
    # a negated service gives none
    (
        "Paul Ober never served in the Navy.",
        ("Paul Ober", "MEMBER_OF", "Navy"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_reading_finds_the_relation(text: str, expected: tuple[str, str, str]) -> None:
    check_found(text, expected)


@pytest.mark.parametrize(("text", "unwanted"), NOT_DRAWN)
def test_reading_draws_no_such_relation(text: str, unwanted: tuple[str, str, str]) -> None:
    check_not_drawn(text, unwanted)


def test_a_place_born_name_is_inferred_with_its_sentence() -> None:
    text = "Ohio born Dana Kline was a young actor when she reached Hollywood."
    batch = read(text)
    names = {a.id: a.name for a in batch.actors}
    [found] = [
        r
        for r in batch.relations
        if (names[r.source], r.type.value, names[r.target]) == ("Dana Kline", "LIVES_IN", "Ohio")
    ]
    assert found.basis == "inferred"
    assert found.sentence == text
    assert (found.char_start, found.char_end) == (0, len(text))


def test_a_former_legislator_s_seat_has_ended() -> None:
    text = "Every politician in the Congress should listen, said former Sen. Tom Reese."
    batch = read(text)
    names = {a.id: a.name for a in batch.actors}
    [seat] = [
        r
        for r in batch.relations
        if (names[r.source], r.type.value, names[r.target])
        == ("Tom Reese", "MEMBER_OF", "Congress")
    ]
    assert seat.basis == "inferred"
    assert seat.current is False
    assert seat.role == "Sen."
