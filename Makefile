# feedwatch: build, install and uninstall.
#
#   make                      build the release binary
#   sudo make install         install it with unit, config, logrotate, completions and man page
#   sudo make uninstall       remove them again (edited config, state and logs stay)
#   make check-systemd        verify and score the systemd unit
#
# Variables: PREFIX (default /usr/local), DESTDIR (staging root for packagers), SYSCONFDIR (/etc),
# UNITDIR (systemd unit directory; see scripts/install.sh).

PREFIX ?= /usr/local
SYSCONFDIR ?= /etc
DESTDIR ?=
SWIFT ?= swift

INSTALL_ENV = DESTDIR="$(DESTDIR)" PREFIX="$(PREFIX)" SYSCONFDIR="$(SYSCONFDIR)" \
	$(if $(UNITDIR),UNITDIR="$(UNITDIR)") $(if $(BINARY),BINARY="$(BINARY)") $(if $(NO_BUILD),NO_BUILD="$(NO_BUILD)")

.PHONY: all build install uninstall check-systemd

all: build

build:
	$(SWIFT) build -c release --product feedwatch

install:
	$(INSTALL_ENV) ./scripts/install.sh

uninstall:
	DESTDIR="$(DESTDIR)" PREFIX="$(PREFIX)" ./scripts/uninstall.sh

check-systemd:
	./.ci/systemd-checks.sh
