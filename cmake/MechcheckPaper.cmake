# mechcheck_add_paper(ID [MODEL_LIBRARIES lib...] [LIBRARIES lib...])
#
# Called from a paper's folder (proofs/ID/CMakeLists.txt, or a folder of one's own project), it
# makes the paper's two targets from the folder's layout:
#   mechcheck_ID_model  the model: model/*.cpp (types, parser, numerics), on the framework
#                       (mechcheck::mechcheck) and MODEL_LIBRARIES;
#   mechcheck_ID        everything else of the paper: claims/*.cpp (one checker per claim id),
#                       recheck/*.cpp (the separate re-check code), generator.cpp, figures.cpp,
#                       exports.cpp, findings.cpp (what its checks show of the paper's text) and
#                       paper.cpp (the descriptor), on its model and LIBRARIES.
# Headers are included from the folder's parent, as "ID/model/economy.hpp". A paper links no
# other paper: what two papers share belongs in the framework.
function(mechcheck_add_paper id)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "MODEL_LIBRARIES;LIBRARIES")
  set(dir ${CMAKE_CURRENT_SOURCE_DIR})
  get_filename_component(root ${dir} DIRECTORY)
  file(GLOB model_sources CONFIGURE_DEPENDS ${dir}/model/*.cpp)
  add_library(mechcheck_${id}_model ${model_sources})
  target_include_directories(mechcheck_${id}_model PUBLIC $<BUILD_INTERFACE:${root}>)
  target_link_libraries(mechcheck_${id}_model PUBLIC mechcheck::mechcheck ${arg_MODEL_LIBRARIES})
  target_compile_options(mechcheck_${id}_model PRIVATE ${MECHCHECK_FUZZ_COVERAGE_FLAGS})  # empty unless fuzzing

  file(GLOB sources CONFIGURE_DEPENDS ${dir}/claims/*.cpp ${dir}/recheck/*.cpp)
  foreach(file generator.cpp figures.cpp exports.cpp findings.cpp paper.cpp)
    if(EXISTS ${dir}/${file})
      list(APPEND sources ${dir}/${file})
    endif()
  endforeach()
  add_library(mechcheck_${id} ${sources})
  target_link_libraries(mechcheck_${id} PUBLIC mechcheck_${id}_model ${arg_LIBRARIES})
endfunction()
