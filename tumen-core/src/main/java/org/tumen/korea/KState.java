package org.tumen.korea;

import java.util.List;

/** Where a person is in the Korea rules' status path. Codes are stable: they appear in the events log. */
final class KState {
  static final int HOME = 0;
  static final int HIDING = 1;
  static final int TRANSIT = 2;
  static final int MISSION = 3;
  static final int THIRD_COUNTRY = 4;
  static final int DETAINED_CHINA = 5;
  static final int UNHCR_REVIEW = 6;
  static final int CHINA_CAMP = 7;
  static final int INTERROGATION = 8;
  static final int LABOUR_TRAINING = 9;
  static final int KYOHWASO = 10;
  static final int KWANLISO = 11;
  static final int ARRIVED = 12;
  static final int DEAD = 13;

  static final List<String> NAMES = List.of("home", "hiding_in_china", "in_transit_with_broker", "at_mission",
      "in_third_country", "detained_in_china", "unhcr_review", "china_border_camp", "nk_interrogation",
      "labour_training_camp", "kyohwaso", "kwanliso", "arrived_south_korea", "dead");

  /** States in which a person is on Chinese soil (the "hiding in China" stock counts these). */
  static boolean inChina(int s) {
    return s == HIDING || s == TRANSIT || s == MISSION || s == DETAINED_CHINA || s == UNHCR_REVIEW || s == CHINA_CAMP;
  }

  static boolean absorbing(int s) {
    return s == ARRIVED || s == DEAD;
  }

  private KState() {}
}
