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
LATER_GOALS := $(filter-out $(firstword $(MAKECMDGOALS)),$(wordlist 2,$(words $(MAKECMDGOALS)),$(MAKECMDGOALS)))
ifneq ($(LATER_GOALS),)
$(LATER_GOALS): $(firstword $(MAKECMDGOALS)) ; @:
endif
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

# What every edition is made from besides its own inputs (build/inputs/<stem>): the
# environment, the date of record, and the engine (the compiler's code, charts and the
# templates in use, by content), whose digest briefing.makerules keeps in build/engine.
ENGINE := $(STAMP) build/source-date-epoch build/engine build/options
build/engine: build/editions.mk ;

# The options that shape an edition's bytes (BUILD_FLAGS, but --strict, which changes
# none): changing them rebuilds every edition. Written by Make, never through a shell.
SHAPING_FLAGS = $(strip $(filter-out --strict,$(BUILD_FLAGS)))
build/options: FORCE
	@mkdir -p build
	$(if $(and $(wildcard $@),$(findstring |$(SHAPING_FLAGS)|,|$(strip $(file <$@))|)),,$(file >$@,$(SHAPING_FLAGS)))

.DEFAULT_GOAL := help
.PHONY: help venv briefs check test lint preview schema clean release bench watch FORCE

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
EDITION_GOALS := briefs release preview $(DIST)/%
build/editions.mk: FORCE $(STAMP)
	@$(BIN)/python -P -m briefing.makerules rules $(FACTS) --out $(DIST) --write $@ \
	  $(if $(SHARD),--shard '$(subst ','\'',$(SHARD))')
ifneq ($(filter $(EDITION_GOALS),$(MAKECMDGOALS)),)
ifeq ($(wildcard build/editions.mk),)
# An empty first version, so that a failure to write it is not reported as a missing file.
$(shell mkdir -p build)
$(file >build/editions.mk,# Empty until briefing.makerules writes it.)
endif
include build/editions.mk
endif

# Changes only when the epoch does, so that a new commit re-dates the PDFs. Written by
# Make itself: the value never passes through a shell, which would run a command in it.
build/source-date-epoch: FORCE
	@mkdir -p build
	$(if $(and $(wildcard $@),$(findstring |$(SOURCE_DATE_EPOCH)|,|$(strip $(file <$@))|)),,$(file >$@,$(SOURCE_DATE_EPOCH)))

# One edition: facts/<brief>.yaml in one locale.
$(DIST)/%.pdf:
	$(BRIEFING) build $(FACTS_OF_$*) --locale $(subst .,,$(suffix $*)) --out $(DIST) $(BUILD_FLAGS)

# SHARD=i/N: only part i of N of the editions, chosen by a hash of each edition's
# name (checked by briefing.makerules before anything is built), for a CI matrix.
briefs: $(EDITIONS) ## build every brief in every locale it lists, into dist/ (SHARD=i/N: one part of N)
	@echo "briefs: $(words $(EDITIONS)) edition$(if $(filter 1,$(words $(EDITIONS))),,s) up to date in $(DIST)/$(if $(SHARD), (shard $(SHARD)))"

# A live preview: every edition built, then rebuilt as its inputs are saved.
watch: $(STAMP) ## rebuild the editions a saved change affects, until Ctrl-C
	@$(BRIEFING) watch $(FACTS) --out $(DIST) $(BUILD_FLAGS)

# Every problem at once: each catalog through msgfmt --check, then every facts file
# and its catalogs through the compiler; exit 2 if anything is wrong.
check: $(STAMP) ## validate facts files and catalogs without rendering
	@$(BIN)/python -P -m briefing.makerules check $(FACTS)

# A release in N jobs: each runs 'make release SHARD=i/N' (its editions, and their
# records in dist/shards/i-of-N.json); one more, with every job's dist/ copied into
# its own, runs 'make release SHARDS=N', which builds nothing and merges them.
ifneq ($(and $(SHARD),$(SHARDS)),)
$(error SHARD=i/N builds one shard of a release and SHARDS=N merges N of them; give one)
endif
release: $(STAMP) ## strict check, build everything, write SHA256SUMS and manifest.json (SHARD=i/N, SHARDS=N: see README)
ifdef SHARDS
	$(BIN)/python -P -m briefing.release $(FACTS) --out $(DIST) --merge '$(subst ','\'',$(SHARDS))'
else
	@$(BIN)/python -P -m briefing.makerules check --strict $(FACTS)
	@$(MAKE) --no-print-directory briefs BUILD_FLAGS=--strict
	$(BIN)/python -P -m briefing.release $(FACTS) --out $(DIST) $(if $(SHARD),--shard '$(SHARD)')
endif

lint: $(STAMP) ## the linter (ruff): undefined and unused names, syntax
	$(BIN)/ruff check .

bench: $(STAMP) ## measure speed and memory (prints a table, writes build/bench.json)
	$(BIN)/python -m benchmarks.bench --out build/bench.json

# Two tiers: the quick one (about a minute) first, so that a broken unit fails fast;
# then the slow one (whole builds, Make runs, installs). TIER=quick runs the first only.
test: $(STAMP) ## run the test suite: the linter, the quick tier, then the slow one (TIER=quick: the quick one only)
	$(BIN)/ruff check --quiet .
	$(BIN)/python -m pytest $(PYTEST_ARGS) -m "not slow"
ifneq ($(TIER),quick)
	$(BIN)/python -m pytest $(PYTEST_ARGS) -m slow
endif

schema: $(STAMP) ## print the JSON Schema of the facts format
	@$(BRIEFING) schema

# The schema editors read (a facts file names it on its first line; see README).
build/facts.schema.json: $(STAMP) $(wildcard briefing/facts/*.py charts/*.py)
	@mkdir -p build
	@$(BRIEFING) schema > $@.tmp && mv $@.tmp $@
briefs: build/facts.schema.json

clean: ## remove built files (keeps the virtual environment and the user's cache of fonts and charts)
	rm -rf $(DIST) build preview

# -- Translations ------------------------------------------------------------------
# Two domains: messages (templates, charts, the compiler's words), shared by every
# brief, and facts (a brief's prose), one catalog per brief:
#   locales/messages.pot       -> locales/<lang>/LC_MESSAGES/messages.po
#   locales/facts/<brief>.pot  -> locales/<lang>/LC_MESSAGES/facts/<brief>.po
# English is the source language; the .pot files are committed so that translation
# tools can use them; the build reads the .po files themselves. BRIEF_IDS and
# FACTS_OF_BRIEF_<id> come from build/editions.mk.
PYBABEL  := $(BIN)/pybabel
POTDIFF  := $(BIN)/python -P -m briefing.i18n.potdiff
EXTRACT_OPTS := --project=briefing --version=$(shell sed -n 's/^__version__ = "\(.*\)"/\1/p' briefing/__init__.py) \
	--copyright-holder="the briefing authors" --msgid-bugs-address="" \
	--add-comments=TRANSLATORS: --sort-by-file --width=79
.PHONY: extract update-locales init-locale locale-status

# The messages template is the tool's own (this repository is the tool's source);
# the briefs' templates, and every catalog, are made by the same 'briefing' commands
# that a project made by 'briefing new' calls.
extract: $(STAMP) ## extract the .pot catalog templates from templates, code and each brief
	@mkdir -p build
	@$(PYBABEL) -q extract -F locales/messages.cfg -k translate -k N_ -k _ -k gettext \
	  -k ngettext:1,2 -k pgettext:1c,2 $(EXTRACT_OPTS) -o build/messages.pot . && \
	  $(POTDIFF) build/messages.pot locales/messages.pot
	@$(BRIEFING) extract $(FACTS)

# Every catalog of every locale a brief lists (or locales/ has a folder for): merged
# with GNU msgmerge, which keeps the '#|' previous msgids translators need (Babel
# turns them into comments, Babel #206); a missing or empty catalog is created.
update-locales: extract ## create or merge the catalogs of every locale a brief lists
	@$(BRIEFING) update-locales $(FACTS)

locale-status: $(STAMP) ## per brief, locale and domain: translated, fuzzy, ... (BRIEF=id one brief; STRICT=1 fails if incomplete)
	@$(BRIEFING) locale-status $(FACTS) $(if $(BRIEF),--brief $(BRIEF)) $(if $(STRICT),--strict)

# LOCALE names the new locale. LANG is the shell's own locale setting, so it is taken
# only when given on make's command line, where it cannot be the environment's.
ifeq ($(origin LANG),command line)
LOCALE ?= $(LANG)
endif
INIT_LOCALE_HINT = $(if $(LOCALE),; '$(LOCALE)' is not one,$(if $(filter environment,$(origin LANG)),; \
  LANG=$(LANG) is the shell's own locale (from the environment) and is not read))
init-locale: $(STAMP) ## start a new locale: make init-locale LOCALE=xx (never overwrites one; FORCE=1 backs it up and starts again)
	@echo "$(LOCALE)" | grep -Eqx '[a-z]{2,3}(_[A-Z]{2})?' || \
	  { echo "usage: make init-locale LOCALE=xx (a language code such as fr or pt_BR)$(INIT_LOCALE_HINT)" >&2; exit 2; }
	@$(BRIEFING) init-locale $(FACTS) --locale '$(LOCALE)' $(if $(FORCE),--force)

preview: briefs ## render every page of every edition to PNG, with a contact sheet
	$(BIN)/python -P -m briefing.preview $(EDITIONS) --out preview

endif  # the goals run one after another
