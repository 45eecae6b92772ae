# briefing — build policy briefs from facts. `make help` lists the targets.

PYTHON  ?= python3
VENV    ?= .venv
DIST    ?= dist
# Facts files, or directories standing for their *.yaml files. The compiler finds the
# files itself, so that no name found on disk ever reaches a shell.
FACTS   ?= facts
# Every core, each test file on one worker (a file's tests may share a built project).
PYTEST_ARGS ?= -n auto --dist loadfile

BIN      := $(VENV)/bin
BRIEFING := $(BIN)/briefing
STAMP    := $(VENV)/.installed

# Goals that change what the others are made from. Given with other goals
# ('make clean briefs'), each goal runs in turn in a make of its own, which reads
# the facts and catalogs as the goals before it left them.
SERIAL_GOALS := clean init-locale update-locales
ifneq ($(and $(filter $(SERIAL_GOALS),$(MAKECMDGOALS)),$(word 2,$(MAKECMDGOALS))),)
.PHONY: $(MAKECMDGOALS)
$(firstword $(MAKECMDGOALS)):
	@$(foreach goal,$(MAKECMDGOALS),$(MAKE) --no-print-directory '$(goal)' &&) true
$(wordlist 2,$(words $(MAKECMDGOALS)),$(MAKECMDGOALS)): $(firstword $(MAKECMDGOALS)) ; @:
else

# The date that stands for "now" in every PDF, so that two builds of the same inputs
# are byte-identical. Never empty: given by the caller; else the date of the last
# commit in a git checkout; else the SOURCE_DATE_EPOCH file of a source archive
# (git archive writes the commit's date into it, see .gitattributes); else the
# newest input's modification time.
ifeq ($(SOURCE_DATE_EPOCH),)
  ifneq ($(wildcard .git),)
    override SOURCE_DATE_EPOCH := $(shell git log -1 --format=%ct 2>/dev/null)
  endif
endif
ifeq ($(SOURCE_DATE_EPOCH),)
  override SOURCE_DATE_EPOCH := $(shell sed -n 's/^\([0-9][0-9]*\)$$/\1/p' SOURCE_DATE_EPOCH 2>/dev/null)
endif
ifeq ($(SOURCE_DATE_EPOCH),)
  override SOURCE_DATE_EPOCH := $(shell $(PYTHON) -m briefing.makerules newest-input)
endif
export SOURCE_DATE_EPOCH

# What every edition is made from besides its facts and its catalogs: the compiler,
# its charts and templates (tools such as the benchmark live outside the package).
ENGINE := $(STAMP) build/source-date-epoch \
	$(wildcard briefing/*.py briefing/*/*.py charts/*.py templates/*.j2 templates/*.css \
	templates/*/*.j2)

.DEFAULT_GOAL := help
.PHONY: help venv briefs check test preview schema clean release bench watch FORCE

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

# The editions of every brief and what each is made from, written by the compiler
# from the facts files (which locales each brief lists) before every goal that builds
# editions. It is rewritten, and Make reads it again, only when it changes; each
# edition depends on build/inputs/<stem>, whose content changes with its inputs'.
EDITION_GOALS := briefs release preview extract update-locales init-locale $(DIST)/%
build/editions.mk: FORCE $(STAMP)
	@$(BIN)/python -m briefing.makerules rules $(FACTS) --out $(DIST) --write $@ \
	  $(if $(SHARD),--shard '$(subst ','\'',$(SHARD))')
ifneq ($(filter $(EDITION_GOALS),$(MAKECMDGOALS)),)
ifeq ($(wildcard build/editions.mk),)
# An empty first version, so that a failure to write it is not reported as a missing file.
$(shell mkdir -p build)
$(file >build/editions.mk,# Empty until briefing.makerules writes it.)
endif
include build/editions.mk
endif

# Changes only when the epoch does, so that a new commit re-dates the PDFs.
build/source-date-epoch: FORCE
	@mkdir -p build
	@echo "$(SOURCE_DATE_EPOCH)" | cmp -s - $@ || echo "$(SOURCE_DATE_EPOCH)" > $@

# One edition: facts/<brief>.yaml in one locale.
$(DIST)/%.pdf:
	$(BRIEFING) build $(FACTS_OF_$*) --locale $(subst .,,$(suffix $*)) --out $(DIST) $(BUILD_FLAGS)

# SHARD=i/N: only part i of N of the editions, chosen by a hash of each edition's
# name (checked by briefing.makerules before anything is built), for a CI matrix.
briefs: $(EDITIONS) ## build every brief in every locale it lists, into dist/ (SHARD=i/N: one part of N)
	@echo "briefs: $(words $(EDITIONS)) editions up to date in $(DIST)/$(if $(SHARD), (shard $(SHARD)))"

# A live preview: every edition built, then rebuilt as its inputs are saved.
watch: $(STAMP) ## rebuild the editions a saved change affects, until Ctrl-C
	@$(BRIEFING) watch $(FACTS) --out $(DIST) $(BUILD_FLAGS)

# Every problem at once: each catalog through msgfmt --check, then every facts file
# and its catalogs through the compiler; exit 2 if anything is wrong.
check: $(STAMP) ## validate facts files and catalogs without rendering
	@$(BIN)/python -m briefing.makerules check $(FACTS)

# A release in N jobs: each runs 'make release SHARD=i/N' (its editions, and their
# records in dist/shards/i-of-N.json); one more, with every job's dist/ copied into
# its own, runs 'make release SHARDS=N', which builds nothing and merges them.
ifneq ($(and $(SHARD),$(SHARDS)),)
$(error SHARD=i/N builds one shard of a release and SHARDS=N merges N of them; give one)
endif
release: $(STAMP) ## strict check, build everything, write SHA256SUMS and manifest.json (SHARD=i/N, SHARDS=N: see README)
ifdef SHARDS
	$(BIN)/python -m briefing.release $(FACTS) --out $(DIST) --merge '$(subst ','\'',$(SHARDS))'
else
	@$(BIN)/python -m briefing.makerules check --strict $(FACTS)
	@$(MAKE) --no-print-directory briefs BUILD_FLAGS=--strict
	$(BIN)/python -m briefing.release $(FACTS) --out $(DIST) $(if $(SHARD),--shard '$(SHARD)')
endif

bench: $(STAMP) ## measure speed and memory (prints a table, writes build/bench.json)
	$(BIN)/python -m benchmarks.bench --out build/bench.json

test: $(STAMP) ## run the test suite
	$(BIN)/python -m pytest $(PYTEST_ARGS)

schema: $(STAMP) ## print the JSON Schema of the facts format
	@$(BRIEFING) schema

# The schema editors read (a facts file names it on its first line; see README).
build/facts.schema.json: $(STAMP) $(wildcard briefing/facts/*.py charts/*.py)
	@mkdir -p build
	@$(BRIEFING) schema > $@.tmp && mv $@.tmp $@
briefs: build/facts.schema.json

clean: ## remove built files (keeps the virtual environment)
	rm -rf $(DIST) build preview

# -- Translations ------------------------------------------------------------------
# Two domains: messages (templates, charts, the compiler's words), shared by every
# brief, and facts (a brief's prose), one catalog per brief:
#   locales/messages.pot       -> locales/<lang>/LC_MESSAGES/messages.po
#   locales/facts/<brief>.pot  -> locales/<lang>/LC_MESSAGES/facts/<brief>.po
# English is the source language; the .pot files are committed so that translation
# tools can use them; the build reads the .po files themselves. BRIEF_IDS and
# FACTS_OF_BRIEF_<id> come from build/editions.mk.
# The locales are the folders of locales/ named as a locale is (fr, pt_BR): a folder
# named '$$(touch x)' would otherwise run its command in update-locales' shell loop.
# (Each case pattern opens with '(', so that Make's parentheses stay balanced.)
LOCALES  ?= $(shell cd locales && for d in */; do d=$${d%/}; [ -d "$$d" ] || continue; \
	case "$$d" in (en|facts) ;; (*[!A-Za-z_]*|_*) [ -n "$(MAKE_RESTARTS)" ] ||\
	echo "make: ignoring locales/$$d/: not \
	a locale name (letters, and _ before a region: pt_BR)" >&2 ;; (*) echo "$$d" ;; esac; done)
LOCALES  := $(LOCALES)
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

# LOCALE names the new locale. LANG is the shell's own locale setting, so it is taken
# only when given on make's command line, where it cannot be the environment's.
ifeq ($(origin LANG),command line)
LOCALE ?= $(LANG)
endif
INIT_LOCALE_HINT = $(if $(LOCALE),; '$(LOCALE)' is not one,$(if $(filter environment,$(origin LANG)),; \
  LANG=$(LANG) is the shell's own locale (from the environment) and is not read))
init-locale: extract ## start a new locale: make init-locale LOCALE=xx
	@echo "$(LOCALE)" | grep -Eqx '[a-z]{2,3}(_[A-Z]{2})?' || \
	  { echo "usage: make init-locale LOCALE=xx (a language code such as fr or pt_BR)$(INIT_LOCALE_HINT)" >&2; exit 2; }
	@$(PYBABEL) init -i locales/messages.pot -d locales -D messages -l $(LOCALE) --width=79 || exit 2
	@mkdir -p locales/$(LOCALE)/LC_MESSAGES/facts
	@for b in $(BRIEF_IDS); do \
	  $(PYBABEL) init -i locales/facts/$$b.pot -o locales/$(LOCALE)/LC_MESSAGES/facts/$$b.po \
	    -l $(LOCALE) --width=79 || exit 2; \
	done

preview: briefs ## render every page of every edition to PNG, with a contact sheet
	$(BIN)/python -m briefing.preview $(EDITIONS) --out preview

endif  # the goals run one after another
