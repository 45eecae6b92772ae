# briefing — build policy briefs from facts. `make help` lists the targets.

PYTHON  ?= python3
VENV    ?= .venv
DIST    ?= dist
FACTS   ?= $(wildcard facts/*.yaml)
PYTEST_ARGS ?=

BIN      := $(VENV)/bin
BRIEFING := $(BIN)/briefing
STAMP    := $(VENV)/.installed

# Reproducible by default: the date of the last commit stands for "now" in every PDF.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
export SOURCE_DATE_EPOCH

PO_FILES := $(wildcard locales/*/LC_MESSAGES/*.po locales/*/LC_MESSAGES/facts/*.po)
MO_FILES := $(patsubst locales/%.po,build/mo/%.mo,$(PO_FILES))

# What every edition is made from besides its facts and its catalogs: the compiler,
# its charts and templates (tools such as the benchmark live outside the package).
ENGINE := $(STAMP) build/source-date-epoch \
	$(wildcard briefing/*.py briefing/*/*.py charts/*.py templates/*.j2 templates/*.css \
	templates/*/*.j2)

.DEFAULT_GOAL := help
.PHONY: help venv briefs check test preview schema clean release bench FORCE

help: ## list the targets
	@grep -E '^[a-z][a-z-]*:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 18

# NO_INSTALL=1 uses the environment as it is (the tests run Make in copies of the
# project with the shared one); a command-line variable reaches sub-makes too.
ifdef NO_INSTALL
$(STAMP): ;
else
$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $@
endif

venv: $(STAMP) ## create the virtual environment and install everything into it

# The editions of every brief and what each depends on, written by the compiler
# from the facts files (which locales each brief lists) and remade when they change.
build/editions.mk: $(FACTS) $(STAMP)
	@mkdir -p build
	$(BRIEFING) make-rules $(FACTS) --out $(DIST) > $@.tmp && mv $@.tmp $@
ifeq ($(filter help clean schema venv,$(MAKECMDGOALS)),)
-include build/editions.mk
endif

# Changes only when the epoch does, so that a new commit re-dates the PDFs.
build/source-date-epoch: FORCE
	@mkdir -p build
	@echo "$(SOURCE_DATE_EPOCH)" | cmp -s - $@ || echo "$(SOURCE_DATE_EPOCH)" > $@

# One edition: facts/<brief>.yaml in one locale.
$(DIST)/%.pdf:
	$(BRIEFING) build $(FACTS_OF_$*) --locale $(subst .,,$(suffix $*)) --out $(DIST) $(BUILD_FLAGS)

briefs: $(EDITIONS) ## build every brief in every locale it lists, into dist/
	@echo "briefs: $(words $(EDITIONS)) editions up to date in $(DIST)/"

# Every problem at once: each catalog through msgfmt --check, then every facts file
# and its catalogs through the compiler; exit 2 if anything is wrong.
check: $(STAMP) ## validate facts files and catalogs without rendering
	@status=0; \
	for po in $(PO_FILES); do msgfmt --check -o /dev/null $$po || status=2; done; \
	$(BRIEFING) check $(FACTS) || status=$$?; \
	exit $$status

# Compiled catalogs are build products; msgfmt --check validates each .po as it goes.
build/mo/%.mo: locales/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $< || { rm -f $@; exit 2; }

release: $(STAMP) $(MO_FILES) ## strict check, build everything, write SHA256SUMS and manifest.json
	$(BRIEFING) check --strict $(FACTS)
	$(MAKE) --no-print-directory briefs BUILD_FLAGS=--strict
	$(BIN)/python -m briefing.release $(FACTS) --out $(DIST)

bench: $(STAMP) ## measure speed and memory (prints a table, writes build/bench.json)
	$(BIN)/python -m benchmarks.bench --out build/bench.json

test: $(STAMP) ## run the test suite
	$(BIN)/python -m pytest $(PYTEST_ARGS)

schema: $(STAMP) ## print the JSON Schema of the facts format
	@$(BRIEFING) schema

clean: ## remove built files (keeps the virtual environment)
	rm -rf $(DIST) build preview

# -- Translations ------------------------------------------------------------------
# Two domains: messages (templates, charts, the compiler's words), shared by every
# brief, and facts (a brief's prose), one catalog per brief:
#   locales/messages.pot       -> locales/<lang>/LC_MESSAGES/messages.po
#   locales/facts/<brief>.pot  -> locales/<lang>/LC_MESSAGES/facts/<brief>.po
# English is the source language; the .pot files are committed so that translation
# tools can use them, the .mo files are build products. BRIEF_IDS and
# FACTS_OF_BRIEF_<id> come from build/editions.mk.
LOCALES  ?= $(filter-out en,$(notdir $(wildcard locales/*)))
LOCALES  := $(filter-out %.cfg %.pot facts,$(LOCALES))
PYBABEL  := $(BIN)/pybabel
POTDIFF  := $(BIN)/python -m briefing.i18n.potdiff
EXTRACT_OPTS := --project=briefing --version=$(shell sed -n 's/^__version__ = "\(.*\)"/\1/p' briefing/__init__.py) \
	--copyright-holder="the briefing authors" --msgid-bugs-address="" \
	--add-comments=TRANSLATORS: --sort-by-file --width=79
MSGMERGE := msgmerge --quiet --update --previous --backup=none --width=79
.PHONY: extract update-locales init-locale locale-status

extract: $(STAMP) ## extract the .pot catalog templates from templates, code and each brief
	@mkdir -p build/facts
	@$(PYBABEL) -q extract -F locales/messages.cfg -k translate -k N_ -k _ -k gettext \
	  -k ngettext:1,2 -k pgettext:1c,2 $(EXTRACT_OPTS) -o build/messages.pot . && \
	  $(POTDIFF) build/messages.pot locales/messages.pot
	@$(foreach b,$(BRIEF_IDS),$(PYBABEL) -q extract -F locales/facts.cfg -k pgettext:1c,2 \
	  $(EXTRACT_OPTS) -o build/facts/$(b).pot $(FACTS_OF_BRIEF_$(b)) && \
	  $(POTDIFF) build/facts/$(b).pot locales/facts/$(b).pot &&) true

# GNU msgmerge rather than 'pybabel update': both mark changed strings fuzzy, but
# Babel turns the previous msgid into a translator comment on the next update
# (Babel #206), and translators need the '#|' lines to see what changed. Each brief's
# catalog is merged with its own template only, so fuzzy matches never cross briefs;
# the catalogs of a brief no longer in facts/ are left as they are.
update-locales: extract ## merge the .pot files into every locale's catalogs
	@for l in $(LOCALES); do \
	  $(MSGMERGE) locales/$$l/LC_MESSAGES/messages.po locales/messages.pot || exit 2; \
	  echo "updated locales/$$l/LC_MESSAGES/messages.po"; \
	  for b in $(BRIEF_IDS); do po=locales/$$l/LC_MESSAGES/facts/$$b.po; \
	    if [ -f $$po ]; then $(MSGMERGE) $$po locales/facts/$$b.pot || exit 2; \
	      echo "updated $$po"; \
	    else mkdir -p $$(dirname $$po) && $(PYBABEL) -q init -i locales/facts/$$b.pot \
	      -o $$po -l $$l --width=79 || exit 2; echo "created $$po"; fi; \
	  done; \
	done

locale-status: $(STAMP) ## per brief, locale and domain: translated, fuzzy, ... (BRIEF=id one brief; STRICT=1 fails if incomplete)
	@$(BRIEFING) locale-status $(FACTS) $(if $(BRIEF),--brief $(BRIEF)) $(if $(STRICT),--strict)

init-locale: extract ## start a new locale: make init-locale LANG=xx
	@echo "$(LANG)" | grep -Eq '^[a-z]{2,3}(_[A-Z]{2})?$$' || \
	  { echo "usage: make init-locale LANG=xx (a language code such as fr or pt_BR)" >&2; exit 2; }
	@$(PYBABEL) init -i locales/messages.pot -d locales -D messages -l $(LANG) --width=79 || exit 2
	@mkdir -p locales/$(LANG)/LC_MESSAGES/facts
	@for b in $(BRIEF_IDS); do \
	  $(PYBABEL) init -i locales/facts/$$b.pot -o locales/$(LANG)/LC_MESSAGES/facts/$$b.po \
	    -l $(LANG) --width=79 || exit 2; \
	done

preview: briefs ## render every page of every edition to PNG, with a contact sheet
	$(BIN)/python -m briefing.preview $(EDITIONS) --out preview
