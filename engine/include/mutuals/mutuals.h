// Umbrella header: everything an insight service needs.
#pragma once

#include "mutuals/consent.h"
#include "mutuals/insights.h"
#include "mutuals/status.h"
#include "mutuals/store.h"
#include "mutuals/types.h"
