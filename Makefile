# feedwatch: build, install and uninstall.
#
#   make                      build the release binary
#   sudo make install         install it with unit, config, logrotate, completions and man page
#   sudo make uninstall       remove them again (edited config, state and logs stay)
#   make check-systemd        verify and score the systemd unit
#
# Variables: PREFIX (default /usr/local), DESTDIR (staging root for packagers), SYSCONFDIR (/etc),
# UNITDIR (systemd unit directory; see scripts/install.sh), STATIC (1: Swift runtime linked in).

PREFIX ?= /usr/local
SYSCONFDIR ?= /etc
DESTDIR ?=
SWIFT ?= swift
# 1: the Swift runtime linked statically (the installed binary needs no toolchain); 0: dynamically.
STATIC ?= 1

ifeq ($(STATIC),1)
BUILD_FLAGS = -c release --product feedwatch --static-swift-stdlib --scratch-path .build/static
else
BUILD_FLAGS = -c release --product feedwatch
endif

INSTALL_ENV = DESTDIR="$(DESTDIR)" PREFIX="$(PREFIX)" SYSCONFDIR="$(SYSCONFDIR)" STATIC="$(STATIC)" \
	$(if $(UNITDIR),UNITDIR="$(UNITDIR)") $(if $(BINARY),BINARY="$(BINARY)") $(if $(NO_BUILD),NO_BUILD="$(NO_BUILD)")

.PHONY: all build install uninstall check-systemd

all: build

build:
	$(SWIFT) build $(BUILD_FLAGS)

install:
	$(INSTALL_ENV) ./scripts/install.sh

uninstall:
	DESTDIR="$(DESTDIR)" PREFIX="$(PREFIX)" ./scripts/uninstall.sh

check-systemd:
	./.ci/systemd-checks.sh
