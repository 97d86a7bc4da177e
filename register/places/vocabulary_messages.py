"""The terms of the bundled vocabularies (fixtures/gulag-camps/vocabularies.csv: economic activities and
macro-regions of Memorial's reference book) listed for makemessages, so that the interface catalogues
translate them like any other interface string; `register_tags.vocabulary_label` looks them up with
the vocabulary's context. tests/web/test_vocabularies.py checks this list against the fixture and the
database, so a new term cannot stay untranslated unnoticed.
"""

from django.utils.translation import pgettext_lazy

# Model class name -> the msgctxt of its terms.
VOCABULARY_CONTEXT = {"Activity": "economic activity", "Region": "macro-region"}

VOCABULARY_MESSAGES = [
    pgettext_lazy("economic activity", "Hydrosystem construction"),
    pgettext_lazy("economic activity", "Railroad construction"),
    pgettext_lazy("economic activity", "Capital construction"),
    pgettext_lazy("economic activity", "Construction of factories and enterprises"),
    pgettext_lazy("economic activity", "Highway construction"),
    pgettext_lazy("economic activity", "Airfield construction"),
    pgettext_lazy("economic activity", "Mining industry"),
    pgettext_lazy("economic activity", "Logging"),
    pgettext_lazy("economic activity", "Construction of power engineering facilities"),
    pgettext_lazy("economic activity", "Agriculture"),
    pgettext_lazy("economic activity", "Fuel industry"),
    pgettext_lazy("economic activity", "Marsh drainage"),
    pgettext_lazy("economic activity", "Transit camp unit"),
    pgettext_lazy("macro-region", "Western Siberia"),
    pgettext_lazy("macro-region", "Eastern Siberia and Taimyr"),
    pgettext_lazy("macro-region", "Far East"),
    pgettext_lazy("macro-region", "Kolyma camps (Yakutia, the Magadan krai and Chukotka)"),
    pgettext_lazy("macro-region", "Urals and the Perm krai"),
    pgettext_lazy("macro-region", "Komi"),
    pgettext_lazy("macro-region", "Central Russia and the Leningrad region"),
    pgettext_lazy("macro-region", "European North"),
    pgettext_lazy("macro-region", "Caucasus"),
    pgettext_lazy("macro-region", "Ukraine"),
    pgettext_lazy("macro-region", "Volga region"),
    pgettext_lazy("macro-region", "Central Asia"),
    pgettext_lazy("macro-region", "Moscow and the vicinities"),
    pgettext_lazy("macro-region", "Germany"),
    pgettext_lazy("macro-region", "Baltic republics"),
]
